namespace Portal.Catalog.Model;

/// <summary>
/// A piece of a YAML file that begins at a document start marker (or at the file's start), with the number of lines
/// before it, so the documents in it are reported at their lines in the file. Pieces are read independently.
/// </summary>
public sealed record YamlSegment(string Text, int LineOffset);
