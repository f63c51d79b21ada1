package dev.packit.fedora.internal.kerberos;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code FILE:} credential cache holds, read without the JDK's internals, so that an error
 * can say "your ticket expired at ..." rather than "no credentials" (the JDK reports both alike).
 *
 * <pre>{@code
 * TicketCache.read(Path.of("/tmp/krb5cc_1000")).ifPresent(c -> System.out.println(c.principal() + " " + c.tgtEnd()));
 * }</pre>
 *
 * @param principal the cache's default principal, {@code user@REALM}
 * @param tgtEnd when the ticket-granting ticket of the principal's realm ends, or null when there is none
 */
public record TicketCache(String principal, Instant tgtEnd) {

  /**
   * Where the default cache is: {@code KRB5CCNAME} (a {@code FILE:} path or a plain path), else
   * {@code /tmp/krb5cc_<uid>}. Empty for caches the JDK cannot read ({@code KCM:}, {@code KEYRING:}, {@code DIR:}, ...).
   *
   * @param krb5ccname the variable, may be null
   * @param uid the user id
   * @return the file
   */
  public static Optional<Path> location(String krb5ccname, long uid) {
    if (krb5ccname == null || krb5ccname.isBlank()) {
      return Optional.of(Path.of("/tmp/krb5cc_" + uid));
    }
    if (krb5ccname.startsWith("FILE:")) {
      return Optional.of(Path.of(krb5ccname.substring(5)));
    }
    return krb5ccname.matches("^[A-Za-z]+:.*") ? Optional.empty() : Optional.of(Path.of(krb5ccname));
  }

  /**
   * The cache type the JDK cannot read, such as {@code KCM}, from {@code KRB5CCNAME}.
   *
   * @param krb5ccname the variable, may be null
   * @return the type, or empty for {@code FILE:} and plain paths
   */
  public static Optional<String> unsupportedType(String krb5ccname) {
    if (krb5ccname == null || !krb5ccname.matches("^[A-Za-z]+:.*") || krb5ccname.startsWith("FILE:")) {
      return Optional.empty();
    }
    return Optional.of(krb5ccname.substring(0, krb5ccname.indexOf(':')));
  }

  /**
   * Reads a {@code FILE:} cache (format version 3 or 4).
   *
   * @param file the cache file
   * @return the cache, or empty when the file is missing or not a cache this reader knows
   */
  public static Optional<TicketCache> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
      int version = in.readUnsignedShort();
      if (version != 0x0503 && version != 0x0504) {
        return Optional.empty();
      }
      if (version == 0x0504) {
        in.skipNBytes(in.readUnsignedShort());
      }
      List<String> me = principal(in);
      String principal = String.join("/", me.subList(1, me.size())) + "@" + me.get(0);
      String tgt = "krbtgt/" + me.get(0) + "@" + me.get(0);
      Instant end = null;
      while (true) {
        List<String> client;
        try {
          client = principal(in);
        } catch (EOFException e) {
          break;
        }
        List<String> server = principal(in);
        in.readUnsignedShort(); // enctype
        if (version == 0x0503) {
          in.readUnsignedShort();
        }
        skipOctets(in);
        in.readInt(); // authtime
        in.readInt(); // starttime
        long endtime = in.readInt() & 0xffffffffL;
        in.readInt(); // renew till
        in.readUnsignedByte();
        in.readInt(); // flags
        for (int i = 0, n = in.readInt(); i < n; i++) {
          in.readUnsignedShort();
          skipOctets(in);
        }
        for (int i = 0, n = in.readInt(); i < n; i++) {
          in.readUnsignedShort();
          skipOctets(in);
        }
        skipOctets(in);
        skipOctets(in);
        String s = String.join("/", server.subList(1, server.size())) + "@" + server.get(0);
        if (s.equals(tgt) && client.equals(me)) {
          Instant e = Instant.ofEpochSecond(endtime);
          end = end == null || e.isAfter(end) ? e : end;
        }
      }
      return Optional.of(new TicketCache(principal, end));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Realm first, then the name components. */
  private static List<String> principal(DataInputStream in) throws IOException {
    in.readInt(); // name type
    int count = in.readInt();
    if (count < 0 || count > 64) {
      throw new IOException("not a principal");
    }
    List<String> parts = new ArrayList<>();
    parts.add(octets(in));
    for (int i = 0; i < count; i++) {
      parts.add(octets(in));
    }
    return parts;
  }

  private static String octets(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 20) {
      throw new IOException("bad length");
    }
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }

  private static void skipOctets(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 24) {
      throw new IOException("bad length");
    }
    in.skipNBytes(n);
  }
}
