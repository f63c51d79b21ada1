// Plan a propose_downstream on the in-process Fedora sandbox (fake GitHub, dist-git, lookaside,
// Koji and Bodhi on loopback over real git repositories; no network). Nothing is changed: a plan
// is a dry run. Run from the repository root:
//   jshell --class-path packit-cli/target/packit.jar packit-examples/jshell/packit.jsh packit-examples/jshell/plan-propose-downstream.jsh
var hello = helloSandbox("1.0.0", "1.1.0");           // dist-git has 1.0.0, upstream released v1.1.0
var wf = hello.workflow(hello.sandbox().root().resolve("work")).build();
var plan = wf.planProposeDownstream(hello.releaseRequest());
System.out.print(plan.render());
for (var b : plan.branches())
  System.out.println("branch " + b.branch() + ": " + b.skipReason().map(r -> "skip, " + r).orElse(b.steps().size() + " steps"));
hello.sandbox().close();
/exit
