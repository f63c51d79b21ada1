package dev.packit.core.internal.spec;

/**
 * The macros rpm 4.18 defines before reading a spec (a subset of {@code /usr/lib/rpm/macros} and
 * the platform file): directories, architecture, {@code %with}/{@code %bcond_with} helpers.
 */
final class SystemMacros {
  private SystemMacros() {}

  private static final String[][] DEFAULTS = {
    {"nil", ""},
    {"_usr", "/usr"},
    {"_var", "/var"},
    {"_prefix", "/usr"},
    {"_exec_prefix", "%{_prefix}"},
    {"_bindir", "%{_exec_prefix}/bin"},
    {"_sbindir", "%{_exec_prefix}/sbin"},
    {"_libexecdir", "%{_exec_prefix}/libexec"},
    {"_datadir", "%{_prefix}/share"},
    {"_datarootdir", "%{_prefix}/share"},
    {"_sysconfdir", "/etc"},
    {"_sharedstatedir", "/var/lib"},
    {"_localstatedir", "/var"},
    {"_lib", "lib64"},
    {"_libdir", "%{_prefix}/%{_lib}"},
    {"_includedir", "%{_prefix}/include"},
    {"_infodir", "%{_datadir}/info"},
    {"_mandir", "%{_datadir}/man"},
    {"_docdir", "%{_datadir}/doc"},
    {"_defaultdocdir", "%{_datadir}/doc"},
    {"_defaultlicensedir", "%{_datadir}/licenses"},
    {"_initddir", "%{_sysconfdir}/rc.d/init.d"},
    {"_rundir", "/run"},
    {"_tmppath", "/var/tmp"},
    {"_topdir", "%{getenv:HOME}/rpmbuild"},
    {"_builddir", "%{_topdir}/BUILD"},
    {"_rpmdir", "%{_topdir}/RPMS"},
    {"_srcrpmdir", "%{_topdir}/SRPMS"},
    {"_sourcedir", "%{_topdir}/SOURCES"},
    {"_specdir", "%{_topdir}/SPECS"},
    {"_buildrootdir", "%{_topdir}/BUILDROOT"},
    {"buildroot", "%{_buildrootdir}/%{NAME}-%{VERSION}-%{RELEASE}.%{_arch}"},
    {"_vendor", "debian"},
    {"_build_vendor", "debian"},
    {"_host_vendor", "debian"},
    {"_target_vendor", "debian"},
    {"_gnu", "-gnu"},
    {"_build_alias", "%{_build_cpu}-%{_build_vendor}-%{_build_os}%{?_gnu}"},
    {"_host", "%{_host_cpu}-%{_host_vendor}-%{_host_os}%{?_gnu}"},
    {"_target_platform", "%{_target_cpu}-%{_vendor}-%{_target_os}"},
    {"_smp_mflags", "-j%{getncpus}"},
    {"_rpmconfigdir", "/usr/lib/rpm"},
    {"_rpmmacrodir", "%{_rpmconfigdir}/macros.d"},
    {"__rm", "/usr/bin/rm"},
    {"__cp", "/usr/bin/cp"},
    {"__mv", "/usr/bin/mv"},
    {"__mkdir_p", "/usr/bin/mkdir -p"},
    {"__sed", "/usr/bin/sed"},
    {"__tar", "/usr/bin/tar"},
    {"__make", "/usr/bin/make"},
    {"__install", "/usr/bin/install"},
    {"__python3", "/usr/bin/python3"},
    {"__perl", "/usr/bin/perl"},
    {"_pkgdocdir", "%{_docdir}/%{name}"},
    {"optflags", "-O2 -g"},
    {"_fixperms", "%{__chmod} -Rf a+rX,u+w,g-w,o-w"},
    {"__chmod", "/usr/bin/chmod"},
    {"_unitdir", "/usr/lib/systemd/system"},
    {"_userunitdir", "/usr/lib/systemd/user"},
  };

  private static final java.util.concurrent.ConcurrentHashMap<String, java.util.Map<String, MacroEngine.Macro>> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The immutable default table for an arch/os pair (built once, shared read-only). */
  static java.util.Map<String, MacroEngine.Macro> defaults(String arch, String os) {
    return CACHE.computeIfAbsent(arch + "\u0000" + os, k -> {
      MacroEngine m = new MacroEngine(null);
      install(m, arch, os);
      return m.snapshot();
    });
  }

  static void install(MacroEngine m, String arch, String os) {
    for (String[] d : DEFAULTS) {
      m.define(d[0], null, d[1], MacroEngine.LEVEL_DEFAULT);
    }
    for (String a : new String[] {"_arch", "_target_cpu", "_host_cpu", "_build_cpu", "_target_arch"}) {
      m.define(a, null, arch, MacroEngine.LEVEL_DEFAULT);
    }
    for (String o : new String[] {"_os", "_target_os", "_host_os", "_build_os"}) {
      m.define(o, null, os, MacroEngine.LEVEL_DEFAULT);
    }
    m.define("with", "", "%{expand:%%{?with_%{1}:1}%%{!?with_%{1}:0}}", MacroEngine.LEVEL_DEFAULT);
    m.define("without", "", "%{expand:%%{?with_%{1}:0}%%{!?with_%{1}:1}}", MacroEngine.LEVEL_DEFAULT);
    m.define("bcond_with", "", "%{expand:%%{?_with_%{1}:%%global with_%{1} 1}}",
        MacroEngine.LEVEL_DEFAULT);
    m.define("bcond_without", "", "%{expand:%%{!?_without_%{1}:%%global with_%{1} 1}}",
        MacroEngine.LEVEL_DEFAULT);
    m.define("defined", "", "%{expand:%%{?%{1}:1}%%{!?%{1}:0}}", MacroEngine.LEVEL_DEFAULT);
    m.define("undefined", "", "%{expand:%%{?%{1}:0}%%{!?%{1}:1}}", MacroEngine.LEVEL_DEFAULT);
    m.define("ix86", null, "i386 i486 i586 i686 pentium3 pentium4 athlon geode", MacroEngine.LEVEL_DEFAULT);
    m.define("arm", null, "armv3l armv4b armv4l armv4tl armv5tl armv5tel armv5tejl armv6l armv6hl armv7l armv7hl armv7hnl armv8l armv8hl armv8hnl armv8hcnl", MacroEngine.LEVEL_DEFAULT);
    m.define("arm32", null, "%{arm}", MacroEngine.LEVEL_DEFAULT);
    m.define("arm64", null, "aarch64", MacroEngine.LEVEL_DEFAULT);
    m.define("x86_64", null, "x86_64 amd64 em64t", MacroEngine.LEVEL_DEFAULT);
    m.define("power64", null, "ppc64 ppc64p7 ppc64le", MacroEngine.LEVEL_DEFAULT);
    m.define("mips", null, "mips mipsel mipsr6 mipsr6el mips64 mips64el mips64r6 mips64r6el", MacroEngine.LEVEL_DEFAULT);
    m.define("riscv", null, "riscv64", MacroEngine.LEVEL_DEFAULT);
    m.define("sparc", null, "sparc sparcv8 sparcv9 sparcv9v sparc64 sparc64v", MacroEngine.LEVEL_DEFAULT);
    m.define("alpha", null, "alpha alphaev56 alphaev6 alphaev67", MacroEngine.LEVEL_DEFAULT);
  }
}
