// Bump a spec to a new upstream version with a changelog entry, on a copy, and show the diff.
// Run from the repository root:
//   jshell --class-path packit-cli/target/packit.jar packit-examples/jshell/packit.jsh packit-examples/jshell/bump-version.jsh
var original = Path.of("packit-examples/jshell/hello.spec");
var work = Files.createTempDirectory("packit-bump-");
var copy = Files.copy(original, work.resolve("hello.spec"));
var before = SpecFile.read(copy);
// JShell runs a line as soon as it is complete, so a chain ends each line with a dot.
var after = before.withUpstreamVersion("2.5.0-rc1").       // rpm spells it 2.5.0~rc1
    withReleaseReset().                                    // 3%{?dist} -> 1%{?dist}
    withChangelogEntry(ChangelogRequest.of("Packit <hello@packit.dev>",
        ZonedDateTime.of(2026, 11, 23, 12, 0, 0, 0, ZoneOffset.UTC), "Update to 2.5.0-rc1"));
after.write(copy);                                            // an atomic replace
diff(before, after);
var reread = SpecFile.read(copy);
System.out.println("new nevr: " + reread.nevr().name() + "-" + reread.nevr().evr());
System.out.println("newer than before: " + (reread.nevr().toRpmVersion().compareTo(before.nevr().toRpmVersion()) > 0));
Files.delete(copy);
Files.delete(work);
/exit
