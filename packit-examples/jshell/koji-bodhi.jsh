// Query Koji and Bodhi in the in-process sandbox: build targets, a build by NVR, tagged builds,
// Bodhi releases, and an update created and read back. Run from the repository root:
//   jshell --class-path packit-cli/target/packit.jar packit-examples/jshell/packit.jsh packit-examples/jshell/koji-bodhi.jsh
var hello = helloSandbox("1.0.0", "1.1.0");
var koji = hello.koji();
var bodhi = hello.bodhi();
var target = koji.getBuildTarget("f43").orElseThrow();
System.out.println("target f43: build tag " + target.buildTagName() + ", destination " + target.destTagName());
hello.sandbox().koji().importBuild("hello-1.0.0-1.fc43", "f43");
var build = koji.getBuild("hello-1.0.0-1.fc43").orElseThrow();
System.out.println("build " + build.nvr() + ": " + build.state());
System.out.println("tagged in f43: " + koji.listTagged("f43", "hello", true).stream().map(KojiBuild::nvr).toList());
System.out.println("missing build: " + koji.getBuild("hello-9.9.9-1.fc43").isPresent());
for (var r : bodhi.releases(BodhiClient.ACTIVE_STATES)) System.out.println("release " + r.name() + " " + r.branch() + " " + r.state());
var saved = bodhi.createUpdate(UpdateRequest.builder().builds(List.of(build.nvr())).notes("hello 1.0.0").build());
System.out.println("update " + saved.first().alias() + " for " + saved.first().builds());
var found = bodhi.allUpdates(UpdateQuery.builder().packages(List.of("hello")).build());
System.out.println("updates of hello: " + found.stream().map(BodhiUpdate::alias).toList());
hello.sandbox().close();
/exit
