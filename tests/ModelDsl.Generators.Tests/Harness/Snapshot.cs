using System.Runtime.CompilerServices;
using ApprovalTests;
using ApprovalTests.Core;
using ApprovalTests.Reporters;

namespace Generators.Tests.Harness;

/// <summary>
/// ApprovalTests with the approved file next to the calling test source: <c>{TestClass}.{Test}.approved.{ext}</c>.
/// The path comes from <see cref="CallerFilePathAttribute"/>, not a stack trace, so it works on any OS and build.
/// A missing or different approved file fails the test and leaves a <c>.received.</c> file (git-ignored) to review
/// and rename; nothing is ever approved automatically and no diff tool is launched.
/// </summary>
public static class Snapshot
{
    public static void Verify(string text, string extension = "txt", [CallerFilePath] string testFile = "", [CallerMemberName] string testName = "")
    {
        var namer = new SourceFileNamer(Path.GetDirectoryName(testFile)!, Path.GetFileNameWithoutExtension(testFile) + "." + testName);
        Approvals.Verify(new ApprovalTextWriter(text, extension), namer, QuietReporter.INSTANCE);
    }

    private sealed class SourceFileNamer(string sourcePath, string name) : IApprovalNamer
    {
        public string SourcePath { get; } = sourcePath;

        public string Name { get; } = name;
    }
}
