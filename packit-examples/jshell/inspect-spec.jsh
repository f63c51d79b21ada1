// Inspect a spec file: NEVR as rpm computes it, tags, sources, patches, changelog.
// Run from the repository root:
//   jshell --class-path packit-cli/target/packit.jar packit-examples/jshell/packit.jsh packit-examples/jshell/inspect-spec.jsh
var spec = SpecFile.read(Path.of("packit-examples/jshell/hello.spec"));
System.out.println("nevr: " + spec.nevr().name() + "-" + spec.nevr().evr());
var f43 = SpecOptions.builder().define("dist .fc43").define("fedora", "43").build();
System.out.println("nevr on f43: " + spec.nevr(f43).name() + "-" + spec.nevr(f43).evr());
System.out.println("Version tag: " + spec.tag("Version").orElseThrow().value());
for (var s : spec.sources()) System.out.println("source: " + s.expandedLocation());
for (var p : spec.patches()) System.out.println("patch: " + p.expandedLocation());
for (var c : spec.changelog()) System.out.println("changelog: " + c.header());
System.out.println("sections: " + spec.sections().size() + ", autorelease: " + spec.hasAutorelease());
/exit
