using System.Buffers;
using System.Text.Json;

namespace Portal.Catalog.Model;

/// <summary>
/// A JSON writer over a buffer that the next caller on the same thread reuses: for JSON written only to be read back at
/// once (hashed, decoded into a string). Processing writes several such documents per entity; a fresh stream for each
/// grew, copied and dropped hundreds of megabytes per 10k entities.
/// </summary>
public sealed class JsonScratch : IDisposable
{
    // A rare huge entity (an inline API definition) must not leave its buffer pinned to a pool thread.
    private const int MaxKeptBytes = 256 * 1024;

    [ThreadStatic]
    private static JsonScratch? t_free;

    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private bool _rented;

    private JsonScratch() => Writer = new Utf8JsonWriter(_buffer);

    /// <summary>Writes into the scratch buffer, with the default options (the bytes are the same as a new writer's).</summary>
    public Utf8JsonWriter Writer { get; }

    /// <summary>How many bytes have been written, after flushing the writer.</summary>
    public int WrittenCount
    {
        get
        {
            Writer.Flush();
            return _buffer.WrittenCount;
        }
    }

    /// <summary>Everything written so far, after flushing the writer; valid until this scratch is disposed.</summary>
    public ReadOnlySpan<byte> Written
    {
        get
        {
            Writer.Flush();
            return _buffer.WrittenSpan;
        }
    }

    /// <summary>The calling thread's free scratch, or a new one when it is in use (a nested caller).</summary>
    public static JsonScratch Rent()
    {
        var scratch = t_free ?? new JsonScratch();
        t_free = null;
        scratch._rented = true;
        return scratch;
    }

    public void Dispose()
    {
        if (!_rented)
        {
            return;
        }

        _rented = false;
        Writer.Reset();
        _buffer.ResetWrittenCount();
        if (_buffer.Capacity <= MaxKeptBytes)
        {
            t_free = this;
        }
    }
}
