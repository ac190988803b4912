using Xunit.Abstractions;
using Xunit.Sdk;

namespace Portal.Drills.Tests;

/// <summary>The place of a drill in its class, for drills that share a run and must not disturb each other's figures.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DrillStepAttribute(int step) : Attribute
{
    public int Step { get; } = step;
}

/// <summary>Runs a class's drills by their <see cref="DrillStepAttribute"/>.</summary>
public sealed class DrillStepOrderer : ITestCaseOrderer
{
    public const string TypeName = "Portal.Drills.Tests.DrillStepOrderer";
    public const string AssemblyName = "Portal.Drills.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(testCase => testCase.TestMethod.Method
            .GetCustomAttributes(typeof(DrillStepAttribute).AssemblyQualifiedName)
            .Select(attribute => attribute.GetConstructorArguments().Cast<int>().Single())
            .DefaultIfEmpty(int.MaxValue)
            .First());
}
