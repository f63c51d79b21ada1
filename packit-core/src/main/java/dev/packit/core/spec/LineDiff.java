package dev.packit.core.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A line diff (Myers' algorithm) and its unified rendering, to show what an edit changed.
 *
 * <pre>{@code
 * SpecFile before = SpecFile.read(path);
 * SpecFile after = before.withVersion("1.3");
 * System.out.print(LineDiff.unified("a/hello.spec", "b/hello.spec",
 *     LineDiff.lines(before), LineDiff.lines(after), 3));
 * }</pre>
 */
public final class LineDiff {
  private LineDiff() {}

  /**
   * One change: lines {@code [oldStart, oldEnd)} of the old text replaced by {@code [newStart, newEnd)} of the new.
   *
   * <pre>{@code
   * List<LineDiff.Change> changes = LineDiff.changes(List.of("a", "b", "c"), List.of("a", "B", "c"));
   * changes.get(0);   // Change[oldStart=1, oldEnd=2, newStart=1, newEnd=2]: "b" became "B"
   * }</pre>
   *
   * @param oldStart 0-based first old line
   * @param oldEnd 0-based end (exclusive) in the old text
   * @param newStart 0-based first new line
   * @param newEnd 0-based end (exclusive) in the new text
   */
  public record Change(int oldStart, int oldEnd, int newStart, int newEnd) {}

  /**
   * The lines of a spec (without terminators), for diffing.
   *
   * @param spec the spec
   * @return its lines
   */
  public static List<String> lines(SpecFile spec) {
    List<String> out = new ArrayList<>(spec.lineCount());
    for (int i = 1; i <= spec.lineCount(); i++) {
      out.add(spec.line(i));
    }
    return out;
  }

  /**
   * Computes the changes turning {@code a} into {@code b}.
   *
   * @param a old lines
   * @param b new lines
   * @return the changes in order
   */
  public static List<Change> changes(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    // trim the common prefix and suffix: edits are local, so this makes the core small
    int pre = 0;
    while (pre < n && pre < m && a.get(pre).equals(b.get(pre))) {
      pre++;
    }
    int suf = 0;
    while (suf < n - pre && suf < m - pre && a.get(n - 1 - suf).equals(b.get(m - 1 - suf))) {
      suf++;
    }
    List<String> ca = a.subList(pre, n - suf);
    List<String> cb = b.subList(pre, m - suf);
    boolean[][] marks = myers(ca, cb);
    List<Change> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < ca.size() || j < cb.size()) {
      if (i < ca.size() && j < cb.size() && !marks[0][i] && !marks[1][j]) {
        i++;
        j++;
        continue;
      }
      int si = i;
      int sj = j;
      while (i < ca.size() && marks[0][i]) {
        i++;
      }
      while (j < cb.size() && marks[1][j]) {
        j++;
      }
      out.add(new Change(si + pre, i + pre, sj + pre, j + pre));
    }
    return out;
  }

  /** marks[0][i]: a[i] deleted; marks[1][j]: b[j] inserted. */
  private static boolean[][] myers(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    boolean[][] marks = {new boolean[n], new boolean[m]};
    int max = n + m;
    if (max == 0) {
      return marks;
    }
    int off = max;
    int[] v = new int[2 * max + 2];
    List<int[]> trace = new ArrayList<>();
    int dFound = -1;
    outer:
    for (int d = 0; d <= max; d++) {
      trace.add(Arrays.copyOfRange(v, off - d, off + d + 2));
      for (int k = -d; k <= d; k += 2) {
        int x;
        if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) {
          x = v[off + k + 1];
        } else {
          x = v[off + k - 1] + 1;
        }
        int y = x - k;
        while (x < n && y < m && a.get(x).equals(b.get(y))) {
          x++;
          y++;
        }
        v[off + k] = x;
        if (x >= n && y >= m) {
          dFound = d;
          break outer;
        }
      }
      if (d > 2000) {
        Arrays.fill(marks[0], true);
        Arrays.fill(marks[1], true);
        return marks;
      }
    }
    int x = n;
    int y = m;
    for (int d = dFound; d > 0; d--) {
      int[] vd = trace.get(d);
      int base = d; // vd[i] holds v[off - d + i]
      int k = x - y;
      int prevK;
      if (k == -d || (k != d && vd[base + k - 1] < vd[base + k + 1])) {
        prevK = k + 1;
      } else {
        prevK = k - 1;
      }
      int prevX = vd[base + prevK];
      int prevY = prevX - prevK;
      while (x > prevX && y > prevY) {
        x--;
        y--;
      }
      if (x == prevX) {
        marks[1][prevY] = true; // insertion of b[prevY]
      } else {
        marks[0][prevX] = true; // deletion of a[prevX]
      }
      x = prevX;
      y = prevY;
    }
    return marks;
  }

  /**
   * Renders a unified diff ({@code diff -u} style); empty when nothing changed.
   *
   * @param oldName the name on the {@code ---} line
   * @param newName the name on the {@code +++} line
   * @param a old lines
   * @param b new lines
   * @param context lines of context around changes
   * @return the diff text, lines ending with {@code \n}
   */
  public static String unified(String oldName, String newName, List<String> a, List<String> b, int context) {
    List<Change> changes = changes(a, b);
    if (changes.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    sb.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
    int c = 0;
    while (c < changes.size()) {
      int first = c;
      int last = c;
      while (last + 1 < changes.size()
          && changes.get(last + 1).oldStart() - changes.get(last).oldEnd() <= 2 * context) {
        last++;
      }
      Change f = changes.get(first);
      Change l = changes.get(last);
      int os = Math.max(0, f.oldStart() - context);
      int oe = Math.min(a.size(), l.oldEnd() + context);
      int ns = f.newStart() - (f.oldStart() - os);
      int ne = l.newEnd() + (oe - l.oldEnd());
      sb.append("@@ -").append(range(os, oe - os)).append(" +").append(range(ns, ne - ns)).append(" @@\n");
      int pos = os;
      for (int k = first; k <= last; k++) {
        Change ch = changes.get(k);
        for (; pos < ch.oldStart(); pos++) {
          sb.append(' ').append(a.get(pos)).append('\n');
        }
        for (int i = ch.oldStart(); i < ch.oldEnd(); i++) {
          sb.append('-').append(a.get(i)).append('\n');
        }
        for (int j = ch.newStart(); j < ch.newEnd(); j++) {
          sb.append('+').append(b.get(j)).append('\n');
        }
        pos = ch.oldEnd();
      }
      for (; pos < oe; pos++) {
        sb.append(' ').append(a.get(pos)).append('\n');
      }
      c = last + 1;
    }
    return sb.toString();
  }

  private static String range(int start, int len) {
    int s = len == 0 ? start : start + 1;
    return len == 1 ? Integer.toString(s) : s + "," + len;
  }
}
