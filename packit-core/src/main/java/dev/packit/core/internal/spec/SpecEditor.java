package dev.packit.core.internal.spec;

import dev.packit.core.spec.ChangelogRequest;
import dev.packit.core.spec.Source;
import dev.packit.core.spec.SpecFile;

/** Minimal-diff edits on the text. */
public final class SpecEditor {
  private SpecEditor() {}

  public static String rpmVersionOf(String upstream) {
    throw new UnsupportedOperationException();
  }

  public static String setTagKeepingMacros(SpecFile spec, SpecStructure st, String tag, String value,
      SpecEvaluator.Env env) {
    throw new UnsupportedOperationException();
  }

  public static String setRelease(SpecFile spec, SpecStructure st, String release, SpecEvaluator.Env env) {
    throw new UnsupportedOperationException();
  }

  public static String bumpRelease(SpecFile spec, SpecStructure st) {
    throw new UnsupportedOperationException();
  }

  public static String addChangelogEntry(SpecFile spec, SpecStructure st, ChangelogRequest req) {
    throw new UnsupportedOperationException();
  }

  public static String setTag(SpecFile spec, SpecStructure st, String name, String value) {
    throw new UnsupportedOperationException();
  }

  public static String removeTag(SpecFile spec, SpecStructure st, String name) {
    throw new UnsupportedOperationException();
  }

  public static String setSource(SpecFile spec, SpecStructure st, Source.Kind kind, int number, String loc) {
    throw new UnsupportedOperationException();
  }

  public static String addSource(SpecFile spec, SpecStructure st, Source.Kind kind, String loc) {
    throw new UnsupportedOperationException();
  }

  public static String removeSource(SpecFile spec, SpecStructure st, Source.Kind kind, int number) {
    throw new UnsupportedOperationException();
  }
}
