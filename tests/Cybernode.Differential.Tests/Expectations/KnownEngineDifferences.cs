namespace Cybernode.Differential.Tests.Expectations;

/// <summary>
/// Where the reference engines disagree with each other, cybernode follows docker and BuildKit as
/// documented for current releases; the engine that departs from them is recorded here. A case row
/// whose only differences are recorded ones is reported as skipped with the record, never as a pass,
/// and a record that no longer matches any difference fails, so stale entries cannot pile up.
/// </summary>
public static class KnownEngineDifferences
{
    private const string LegacyChmod =
        "docker 20.10's legacy builder refuses --chmod ('requires BuildKit'); BuildKit and buildah apply it, and cybernode does too";

    private const string SeveralSources =
        "docker documents that several sources need a destination ending in '/' and its legacy builder refuses it, as cybernode does; BuildKit 0.8 " +
        "does not check and leaves the last source as the file /x, buildah does not check and makes /x a folder";

    private const string BuildahVolumeFolders =
        "buildah 1.28 creates the folders of a VOLUME given with several paths in shell form in the image; docker and BuildKit create none, nor does cybernode";

    private const string Zstd =
        "docker 20.10 (legacy and its BuildKit 0.8) cannot read zstd, so ADD copies x.tar.zst as a file; buildah 1.28 and current docker/BuildKit " +
        "(moby's archive package reads zstd since 23.0) unpack it, and cybernode unpacks it";

    private const string BuildahReplacesLink =
        "COPY onto a path that is a symbolic link in the image: docker and BuildKit write through the link to its target, and so does cybernode; buildah 1.28 replaces the link";

    private const string BuildahShell =
        "buildah 1.28 ignores SHELL for the shell form of CMD and ENTRYPOINT and always writes /bin/sh -c; docker and BuildKit use SHELL, and so does cybernode";

    private const string BuildahExpose =
        "buildah 1.28 stores EXPOSE words as written (a range as one key '7000-7002/tcp', the protocol's case kept); docker and BuildKit expand ranges " +
        "into one key per port and lower-case the protocol, and so does cybernode";

    private const string SetuidDropped =
        "docker's legacy builder and buildah drop setuid/setgid bits of context files; BuildKit keeps the file's mode as it is, and so does cybernode";

    private const string ArchiveRootEntry =
        "docker's legacy builder and buildah give the folder ADD --chown creates for an archive the owner of the archive's own root entry ('./'); " +
        "BuildKit keeps the folder as --chown made it, skipping the root entry, and so does cybernode";

    public static IReadOnlyList<KnownEngineDifference> All { get; } =
    [
        .. Each("add-tar-zst", "/x/", Zstd, "docker", "buildkit"),
        .. Each("add-tar-with-chown", "/x", ArchiveRootEntry, "docker", "buildah"),
        new("add-tar-into-existing-folder", "buildah", "/x",
            "buildah 1.28 gives a folder that already exists the owner of the archive's root entry ('./') when ADD unpacks into it; docker and BuildKit " +
            "leave the folder as it was, and so does cybernode"),
        .. Each("copy-file-over-symlink-of-base", "/bin/", BuildahReplacesLink, "buildah"),
        new("chmod-file", "docker", "build", LegacyChmod),
        new("chmod-folder", "docker", "build", LegacyChmod),
        new("chown-and-chmod-together", "docker", "build", LegacyChmod),
        new("copy-from-keeps-owners-and-modes", "docker", "build", LegacyChmod),
        new("unused-stage-is-not-built", "docker", "build",
            "docker's legacy builder builds every stage, so a broken stage nothing uses fails the build; BuildKit and buildah build only the stages the target needs, and so does cybernode"),
        .. Each("error-several-sources-without-slash", "build", SeveralSources, "buildkit", "buildah"),
        new("error-glob-matches-nothing", "buildkit", "build",
            "BuildKit accepts a COPY wildcard that matches nothing and copies nothing; docker's legacy builder and buildah refuse it, and cybernode refuses it on " +
            "purpose: a COPY of build outputs that matches nothing is almost always a build step that did not produce them"),
        new("healthcheck-none-overrides-parent", "docker", "config.Healthcheck",
            "docker's legacy builder keeps the parent's HEALTHCHECK options beside Test [NONE]; BuildKit and buildah write Test [NONE] alone, and so does cybernode"),
        .. Each("modes-are-kept", "/d/setuid", SetuidDropped, "docker", "buildah"),
        new("shell-changes-cmd-shell-form", "buildah", "config.Cmd", BuildahShell),
        new("shell-changes-entrypoint-shell-form", "buildah", "config.Entrypoint", BuildahShell),
        new("expose-range", "buildah", "config.ExposedPorts", BuildahExpose),
        new("expose-forms", "buildah", "config.ExposedPorts", BuildahExpose),
        new("volume-forms", "buildah", "/d", BuildahVolumeFolders),
        new("volume-forms", "buildah", "/e", BuildahVolumeFolders),
    ];

    private static IEnumerable<KnownEngineDifference> Each(string @case, string scope, string why, params string[] engines) =>
        engines.Select(engine => new KnownEngineDifference(@case, engine, scope, why));

    public static IReadOnlyList<KnownEngineDifference> For(string @case, string engine) =>
        All.Where(d => d.Case == @case && d.Engine == engine).ToList();
}
