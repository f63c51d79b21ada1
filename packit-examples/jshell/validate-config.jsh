// Validate .packit.yaml files: every problem names its file, line and column.
// Run from the repository root:
//   jshell --class-path packit-cli/target/packit.jar packit-examples/jshell/packit.jsh packit-examples/jshell/validate-config.jsh
validate("packit-examples/jshell/packit.yaml");
validate("packit-examples/jshell/broken.packit.yaml");
var config = config("packit-examples/jshell/packit.yaml");
for (var job : config.jobs()) System.out.println("job: " + job.type().yamlName() + " on " + job.trigger().yamlName());
System.out.println("downstream package: " + config.singlePackage().downstreamPackageName().orElse("?"));
/exit
