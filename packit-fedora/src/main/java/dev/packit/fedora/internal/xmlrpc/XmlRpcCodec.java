package dev.packit.fedora.internal.xmlrpc;

import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * XML-RPC encoder and decoder with Koji's extensions ({@code nil}, {@code i8}, namespaced
 * {@code ex:} types), bounded and hardened against hostile XML.
 *
 * <pre>{@code
 * XmlRpcCodec codec = XmlRpcCodec.defaults();
 * byte[] body = codec.encodeCall("getBuild", List.of("python-ogr-0.34.0-1.fc40"));
 * XmlRpcResponse r = codec.decodeResponse(in, "koji getBuild");
 * }</pre>
 *
 * <p>Java mapping. Decoding: {@code int}/{@code i4}/{@code i8} to {@link Long} (a {@link
 * BigInteger} when outside the 64-bit range), {@code double} to {@link Double}, {@code boolean} to
 * {@link Boolean}, {@code string} and untyped text to {@link String}, {@code base64} to {@code
 * byte[]}, {@code dateTime.iso8601} to {@link LocalDateTime}, {@code struct} to an unmodifiable
 * insertion-ordered {@link Map}, {@code array} to an unmodifiable {@link List}, {@code nil} to
 * {@code null}. Encoding accepts those types plus other integral numbers, {@link Float}, {@link
 * Instant}/{@link OffsetDateTime}/{@link ZonedDateTime} (sent as UTC), any {@link Collection} or
 * {@code Object[]}. Output matches Python's {@code xmlrpc.client} byte for byte for the values both
 * can express.
 *
 * <p>DTDs and external entities are refused, nesting depth and body size are bounded; every
 * decoding problem is an {@link InvalidInputException} naming the source, line, column and the
 * element path. Immutable and thread-safe.
 */
public final class XmlRpcCodec {
  /** Default maximum body size: 256 MiB (Koji answers for thousands of builds run to tens of MiB). */
  public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
  /** Default maximum nesting of values (Koji task trees nest a handful of levels). */
  public static final int DEFAULT_MAX_DEPTH = 64;

  private static final XmlRpcCodec DEFAULTS = new XmlRpcCodec(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH);
  private static final DateTimeFormatter PY_DATETIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HH:mm:ss");
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final long maxBytes;
  private final int maxDepth;
  private final XMLInputFactory factory;

  private XmlRpcCodec(long maxBytes, int maxDepth) {
    if (maxBytes < 64 || maxDepth < 1) {
      throw new IllegalArgumentException("maxBytes must be >= 64 and maxDepth >= 1");
    }
    this.maxBytes = maxBytes;
    this.maxDepth = maxDepth;
    this.factory = hardenedFactory();
  }

  /**
   * Returns the codec with default limits.
   *
   * @return the shared default codec
   */
  public static XmlRpcCodec defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a codec with other limits.
   *
   * @param maxBytes largest accepted body in bytes
   * @param maxDepth deepest accepted nesting of structs and arrays
   * @return a new codec
   */
  public static XmlRpcCodec withLimits(long maxBytes, int maxDepth) {
    return new XmlRpcCodec(maxBytes, maxDepth);
  }

  private static XMLInputFactory hardenedFactory() {
    // The JDK's own implementation, never whatever StAX provider happens to be on the class path.
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setXMLResolver((publicId, systemId, base, ns) -> {
      throw new XMLStreamException("external resources are not allowed: " + systemId);
    });
    return f;
  }

  // ---------------------------------------------------------------- encoding

  /**
   * Encodes a method call.
   *
   * @param methodName the method, e.g. {@code getBuild}
   * @param params positional parameters (Koji keyword arguments already folded in)
   * @return the UTF-8 request body
   */
  public byte[] encodeCall(String methodName, List<?> params) {
    Objects.requireNonNull(methodName, "methodName == null");
    StringBuilder sb = new StringBuilder(256);
    sb.append("<?xml version='1.0'?>\n<methodCall>\n<methodName>");
    try {
      escape(sb, methodName);
    } catch (EncodeException e) {
      throw e.at("methodName");
    }
    sb.append("</methodName>\n<params>\n");
    for (int i = 0; i < params.size(); i++) {
      sb.append("<param>\n");
      try {
        value(sb, params.get(i), 0);
      } catch (EncodeException e) {
        throw e.at("params[" + i + "]");
      }
      sb.append("</param>\n");
    }
    sb.append("</params>\n</methodCall>\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Encodes a successful response.
   *
   * @param value the result, may be {@code null}
   * @return the UTF-8 response body
   */
  public byte[] encodeResponse(Object value) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n");
    encodeTop(sb, value, "result");
    sb.append("</param>\n</params>\n</methodResponse>\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Encodes a fault response.
   *
   * @param fault the fault
   * @return the UTF-8 response body
   */
  public byte[] encodeFault(XmlRpcFault fault) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("faultCode", fault.code());
    m.put("faultString", fault.string());
    encodeTop(sb, m, "fault");
    sb.append("</fault>\n</methodResponse>\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Encodes a decoded response again, fault or value.
   *
   * @param response the response
   * @return the UTF-8 response body
   */
  public byte[] encode(XmlRpcResponse response) {
    return response.isFault() ? encodeFault(response.fault()) : encodeResponse(response.value());
  }

  private void encodeTop(StringBuilder sb, Object v, String path) {
    try {
      value(sb, v, 0);
    } catch (EncodeException e) {
      throw e.at(path);
    }
  }

  /** An unencodable value; the path is assembled on the way out so encoding builds no strings. */
  private static final class EncodeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String problem;
    private final String path;

    EncodeException(String problem) {
      this(problem, "");
    }

    private EncodeException(String problem, String path) {
      super(path.isEmpty() ? problem : path + ": " + problem, null);
      this.problem = problem;
      this.path = path;
    }

    EncodeException at(String outer) {
      String p = path.isEmpty() ? outer : path.startsWith("[") ? outer + path : outer + "." + path;
      return new EncodeException(problem, p);
    }
  }

  private void value(StringBuilder sb, Object v, int depth) {
    if (depth > maxDepth) {
      throw new EncodeException("nested deeper than " + maxDepth + " levels");
    }
    if (v == null) {
      sb.append("<value><nil/></value>"); // Python writes no newline after nil; keep it byte-equal
      return;
    }
    if (v instanceof String) {
      sb.append("<value><string>");
      escape(sb, (String) v);
      sb.append("</string></value>\n");
    } else if (v instanceof Boolean) {
      sb.append("<value><boolean>").append(((Boolean) v) ? '1' : '0').append("</boolean></value>\n");
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      integer(sb, ((Number) v).longValue());
    } else if (v instanceof BigInteger) {
      BigInteger b = (BigInteger) v;
      if (b.bitLength() < 64) {
        integer(sb, b.longValue());
      } else {
        sb.append("<value><i8>").append(b).append("</i8></value>\n");
      }
    } else if (v instanceof Double || v instanceof Float) {
      sb.append("<value><double>").append(formatDouble(((Number) v).doubleValue(), "value")).append("</double></value>\n");
    } else if (v instanceof CharSequence) {
      sb.append("<value><string>");
      escape(sb, v.toString());
      sb.append("</string></value>\n");
    } else if (v instanceof byte[]) {
      sb.append("<value><base64>\n");
      sb.append(Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString((byte[]) v));
      if (((byte[]) v).length > 0) {
        sb.append('\n');
      }
      sb.append("</base64></value>\n");
    } else if (v instanceof LocalDateTime) {
      sb.append("<value><dateTime.iso8601>").append(PY_DATETIME.format((LocalDateTime) v)).append("</dateTime.iso8601></value>\n");
    } else if (v instanceof Instant) {
      value(sb, LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC), depth);
    } else if (v instanceof OffsetDateTime) {
      value(sb, ((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), depth);
    } else if (v instanceof ZonedDateTime) {
      value(sb, ((ZonedDateTime) v).toInstant(), depth);
    } else if (v instanceof Map) {
      sb.append("<value><struct>\n");
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new EncodeException("struct keys must be strings, got " + e.getKey());
        }
        String key = (String) e.getKey();
        try {
          sb.append("<member>\n<name>");
          escape(sb, key);
          sb.append("</name>\n");
          value(sb, e.getValue(), depth + 1);
        } catch (EncodeException ex) {
          throw ex.at(key);
        }
        sb.append("</member>\n");
      }
      sb.append("</struct></value>\n");
    } else if (v instanceof Collection || v instanceof Object[]) {
      Iterable<?> items = v instanceof Object[] ? java.util.Arrays.asList((Object[]) v) : (Collection<?>) v;
      sb.append("<value><array><data>\n");
      int i = 0;
      for (Object item : items) {
        try {
          value(sb, item, depth + 1);
        } catch (EncodeException ex) {
          throw ex.at("[" + i + "]");
        }
        i++;
      }
      sb.append("</data></array></value>\n");
    } else {
      throw new EncodeException("cannot encode " + v.getClass().getName() + " in XML-RPC");
    }
  }

  private static void integer(StringBuilder sb, long n) {
    if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
      sb.append("<value><int>").append(n).append("</int></value>\n");
    } else {
      sb.append("<value><i8>").append(n).append("</i8></value>\n");
    }
  }

  /** Formats like Python's {@code repr(float)} for the usual range, so Python reads it back exactly. */
  static String formatDouble(double d, String path) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new EncodeException("XML-RPC cannot carry " + d);
    }
    String s = Double.toString(d);
    double abs = Math.abs(d);
    if (d != 0 && (abs < 1e-4 || abs >= 1e16)) {
      return s; // exponent form; Python's float() reads it
    }
    if (s.indexOf('E') >= 0) {
      s = new BigDecimal(s).stripTrailingZeros().toPlainString();
    }
    return s.indexOf('.') >= 0 ? s : s + ".0";
  }

  private static void escape(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&':
          sb.append("&amp;");
          break;
        case '<':
          sb.append("&lt;");
          break;
        case '>':
          sb.append("&gt;");
          break;
        case '\r':
          sb.append("&#13;"); // a raw CR would come back as LF after XML line-end normalisation
          break;
        default:
          if (c < 0x20 && c != '\t' && c != '\n' || c == 0xFFFE || c == 0xFFFF) {
            throw new EncodeException("character U+" + String.format("%04X", (int) c)
                + " at index " + i + " cannot be sent in XML 1.0");
          }
          if (Character.isSurrogate(c)) {
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (!pair) {
              throw new EncodeException("unpaired surrogate at index " + i);
            }
            sb.append(c).append(s.charAt(++i));
            break;
          }
          sb.append(c);
      }
    }
  }

  // ---------------------------------------------------------------- decoding

  /**
   * Decodes a method call, as a hub receives it.
   *
   * @param body the request body; not closed
   * @param source a label for error messages, e.g. {@code "POST /kojihub"}
   * @return the call
   * @throws InvalidInputException when the body is not a well-formed, bounded XML-RPC call
   */
  public XmlRpcCall decodeCall(InputStream body, String source) {
    return parse(body, source, true).call;
  }

  /**
   * Decodes a response, as a client receives it.
   *
   * @param body the response body; not closed
   * @param source a label for error messages, e.g. {@code "koji getBuild"}
   * @return the value or the fault
   * @throws InvalidInputException when the body is not a well-formed, bounded XML-RPC response
   */
  public XmlRpcResponse decodeResponse(InputStream body, String source) {
    return parse(body, source, false).response;
  }

  /**
   * Decodes a response held in memory.
   *
   * @param body the response body
   * @param source a label for error messages
   * @return the value or the fault
   */
  public XmlRpcResponse decodeResponse(byte[] body, String source) {
    return decodeResponse(new ByteArrayInputStream(body), source);
  }

  /**
   * Decodes a call held in memory.
   *
   * @param body the request body
   * @param source a label for error messages
   * @return the call
   */
  public XmlRpcCall decodeCall(byte[] body, String source) {
    return decodeCall(new ByteArrayInputStream(body), source);
  }

  private static final class Result {
    XmlRpcCall call;
    XmlRpcResponse response;
  }

  private Result parse(InputStream body, String source, boolean call) {
    Objects.requireNonNull(body, "body == null");
    String label = source == null || source.isBlank() ? "<xml-rpc>" : source;
    BoundedInputStream in = new BoundedInputStream(body, maxBytes);
    Parser p = null;
    XMLStreamReader r = null;
    try {
      java.io.Reader chars = decoding(in);
      synchronized (factory) {
        r = factory.createXMLStreamReader(chars);
      }
      p = new Parser(r, label);
      try {
        Result res = new Result();
        if (call) {
          res.call = p.methodCall();
        } else {
          res.response = p.methodResponse();
        }
        return res;
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      throw translate(e, in, p, label);
    } catch (InvalidInputException e) {
      if (in.exceeded) {
        throw tooLarge(label, p);
      }
      throw e;
    } catch (dev.packit.core.PackitException e) {
      throw e;
    } catch (RuntimeException e) {
      // The JDK's parser has error paths that throw instead of reporting an XMLStreamException (found by
      // fuzzing: a bad character inside a refused DTD raised MissingResourceException "InvalidCharInDTD").
      if (in.exceeded) {
        throw tooLarge(label, p);
      }
      InputLocation at = InputLocation.of(label);
      Location loc = r == null ? null : r.getLocation();
      if (loc != null && loc.getLineNumber() > 0) {
        at = at.at(loc.getLineNumber(), Math.max(0, loc.getColumnNumber()));
      }
      if (p != null) {
        at = at.field(p.path());
      }
      throw new InvalidInputException(at, "malformed XML-RPC: the XML parser gave up ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
  }

  private static final java.util.regex.Pattern XML_DECL_ENCODING =
      java.util.regex.Pattern.compile("^\\s*<\\?xml\\s[^>]*?encoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._:-]*)[\"']");

  /**
   * Decodes the body ourselves, strictly, in the encoding its BOM or XML declaration names (UTF-8
   * by default). Handing the bytes to the JDK's parser made it print "[Fatal Error] ... Invalid
   * byte" to stderr for bodies that are not valid in their encoding; a strict decoder fails the
   * same call without writing anywhere.
   */
  private static java.io.Reader decoding(InputStream in) throws XMLStreamException {
    // The head is read once and pushed back: the reader below buffers anyway, a second buffer
    // under it would copy every byte of every response again.
    java.io.PushbackInputStream b = new java.io.PushbackInputStream(in, 256);
    java.nio.charset.Charset cs = java.nio.charset.StandardCharsets.UTF_8;
    try {
      byte[] head = b.readNBytes(256);
      int skip = 0;
      if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
        skip = 3;
      } else if (head.length >= 2 && ((head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF
          || (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE)) {
        cs = java.nio.charset.StandardCharsets.UTF_16; // its decoder reads the BOM
      } else {
        java.util.regex.Matcher m = XML_DECL_ENCODING.matcher(new String(head, java.nio.charset.StandardCharsets.ISO_8859_1));
        if (m.find()) {
          try {
            cs = java.nio.charset.Charset.forName(m.group(1));
          } catch (IllegalArgumentException e) {
            throw new XMLStreamException("the XML declaration names an encoding this JVM does not know: " + m.group(1));
          }
        }
      }
      b.unread(head, skip, head.length - skip);
    } catch (java.io.IOException e) {
      throw new XMLStreamException("cannot read the body: " + e.getMessage(), e);
    }
    java.nio.charset.Charset charset = cs;
    java.nio.charset.CharsetDecoder strict = charset.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    return new java.io.FilterReader(new java.io.InputStreamReader(b, strict)) {
      @Override
      public int read(char[] buf, int off, int len) throws java.io.IOException {
        try {
          return super.read(buf, off, len);
        } catch (java.nio.charset.CharacterCodingException e) {
          throw new java.io.IOException("bytes that are not valid " + charset.name(), e);
        }
      }

      @Override
      public int read() throws java.io.IOException {
        try {
          return super.read();
        } catch (java.nio.charset.CharacterCodingException e) {
          throw new java.io.IOException("bytes that are not valid " + charset.name(), e);
        }
      }
    };
  }

  private InvalidInputException translate(XMLStreamException e, BoundedInputStream in, Parser p, String label) {
    if (in.exceeded) {
      return tooLarge(label, p);
    }
    Location loc = e.getLocation();
    InputLocation at = InputLocation.of(label);
    if (loc != null && loc.getLineNumber() > 0) {
      at = at.at(loc.getLineNumber(), Math.max(0, loc.getColumnNumber()));
    }
    if (p != null) {
      at = at.field(p.path());
    }
    String msg = e.getMessage() == null ? e.toString() : e.getMessage();
    int m = msg.indexOf("Message: ");
    if (m >= 0) {
      msg = msg.substring(m + "Message: ".length());
    }
    String lower = msg.toLowerCase(java.util.Locale.ROOT);
    boolean atEnd = loc != null && loc.getCharacterOffset() >= in.count;
    if (in.eof && (atEnd || lower.contains("premature end") || lower.contains("must start and end"))) {
      return new InvalidInputException(at, "XML-RPC body is truncated (ended after " + in.count + " bytes): " + msg, e);
    }
    if (lower.contains("entity") || lower.contains("doctype") || lower.contains("dtd")) {
      return new InvalidInputException(at, "DTDs and entities are not allowed in XML-RPC: " + msg, e);
    }
    return new InvalidInputException(at, "malformed XML-RPC: " + msg, e);
  }

  private InvalidInputException tooLarge(String label, Parser p) {
    InputLocation at = InputLocation.of(label);
    if (p != null) {
      at = at.field(p.path());
    }
    return new InvalidInputException(at, "XML-RPC body exceeds the limit of " + maxBytes + " bytes");
  }

  /** Recursive-descent reader over StAX events; one instance per document. */
  private final class Parser {
    private final XMLStreamReader r;
    private final String source;
    // Element names, or Indexed entries rendered only when an error names the path.
    private final Deque<Object> stack = new ArrayDeque<>();
    private int depth;

    Parser(XMLStreamReader r, String source) {
      this.r = r;
      this.source = source;
    }

    String path() {
      List<String> names = new ArrayList<>();
      stack.forEach(o -> names.add(o.toString()));
      Collections.reverse(names);
      return String.join("/", names);
    }

    private InvalidInputException error(String problem) {
      Location loc = r.getLocation();
      InputLocation at = InputLocation.of(source);
      if (loc != null && loc.getLineNumber() > 0) {
        at = at.at(loc.getLineNumber(), Math.max(0, loc.getColumnNumber()));
      }
      return new InvalidInputException(at.field(path()), problem);
    }

    private String name() {
      String n = r.getLocalName();
      int colon = n.indexOf(':');
      return colon >= 0 ? n.substring(colon + 1) : n; // Python strips ex:/any prefix the same way
    }

    /** Advances to the next start or end tag, refusing DTDs, entity references and stray text. */
    private int nextTag() throws XMLStreamException {
      while (true) {
        if (!r.hasNext()) {
          throw error("XML-RPC body is truncated: the document ends inside <" + stack.peek() + ">");
        }
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.START_ELEMENT:
            stack.push(name());
            return ev;
          case XMLStreamConstants.END_ELEMENT:
            return ev;
          case XMLStreamConstants.CHARACTERS:
          case XMLStreamConstants.CDATA:
          case XMLStreamConstants.SPACE:
            if (!r.isWhiteSpace() && !r.getText().isBlank()) {
              throw error("unexpected text '" + excerpt(r.getText()) + "'");
            }
            break;
          case XMLStreamConstants.COMMENT:
          case XMLStreamConstants.PROCESSING_INSTRUCTION:
            break;
          case XMLStreamConstants.DTD:
            throw error("DTDs and entities are not allowed in XML-RPC (DOCTYPE found)");
          case XMLStreamConstants.ENTITY_REFERENCE:
            throw error("DTDs and entities are not allowed in XML-RPC (entity &" + r.getLocalName() + ";)");
          case XMLStreamConstants.END_DOCUMENT:
            throw error("XML-RPC body is truncated: the document ends inside <" + stack.peek() + ">");
          default:
            break;
        }
      }
    }

    private void expectStart(String name) throws XMLStreamException {
      if (nextTag() != XMLStreamConstants.START_ELEMENT || !name.equals(stack.peek())) {
        throw error("expected <" + name + ">");
      }
    }

    private void expectEnd() throws XMLStreamException {
      Object open = stack.peek();
      if (nextTag() != XMLStreamConstants.END_ELEMENT) {
        throw error("unexpected <" + stack.peek() + "> inside <" + open + ">");
      }
      stack.pop();
    }

    private void endDocument() throws XMLStreamException {
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT || ev == XMLStreamConstants.CHARACTERS && !r.isWhiteSpace()) {
          throw error("content after the end of the XML-RPC document");
        }
        if (ev == XMLStreamConstants.DTD || ev == XMLStreamConstants.ENTITY_REFERENCE) {
          throw error("DTDs and entities are not allowed in XML-RPC");
        }
      }
    }

    private String text() throws XMLStreamException {
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (!r.hasNext()) {
          throw error("XML-RPC body is truncated: the document ends inside <" + stack.peek() + ">");
        }
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.CHARACTERS:
          case XMLStreamConstants.CDATA:
          case XMLStreamConstants.SPACE:
            sb.append(r.getText());
            break;
          case XMLStreamConstants.END_ELEMENT:
            stack.pop();
            return sb.toString();
          case XMLStreamConstants.COMMENT:
          case XMLStreamConstants.PROCESSING_INSTRUCTION:
            break;
          case XMLStreamConstants.START_ELEMENT:
            stack.push(name());
            throw error("unexpected element <" + stack.peek() + "> inside a scalar");
          case XMLStreamConstants.ENTITY_REFERENCE:
            throw error("DTDs and entities are not allowed in XML-RPC (entity &" + r.getLocalName() + ";)");
          default:
            throw error("XML-RPC body is truncated: the document ends inside <" + stack.peek() + ">");
        }
      }
    }

    XmlRpcCall methodCall() throws XMLStreamException {
      expectStart("methodCall");
      expectStart("methodName");
      String method = text().trim();
      if (method.isEmpty()) {
        throw error("empty methodName");
      }
      List<Object> params = new ArrayList<>();
      int ev = nextTag();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        if (!"params".equals(stack.peek())) {
          throw error("expected <params>");
        }
        params = params();
        expectEnd();
      }
      else {
        stack.pop();
      }
      endDocument();
      return new XmlRpcCall(method, params);
    }

    private List<Object> params() throws XMLStreamException {
      List<Object> params = new ArrayList<>();
      while (nextTag() == XMLStreamConstants.START_ELEMENT) {
        if (!"param".equals(stack.peek())) {
          throw error("expected <param>");
        }
        expectStart("value");
        params.add(value());
        expectEnd();
      }
      stack.pop();
      return Collections.unmodifiableList(params);
    }

    XmlRpcResponse methodResponse() throws XMLStreamException {
      expectStart("methodResponse");
      if (nextTag() != XMLStreamConstants.START_ELEMENT) {
        throw error("empty methodResponse");
      }
      XmlRpcResponse result;
      if ("params".equals(stack.peek())) {
        List<Object> params = params();
        if (params.size() != 1) {
          throw error("a methodResponse carries exactly one param, found " + params.size());
        }
        result = XmlRpcResponse.of(params.get(0));
      } else if ("fault".equals(stack.peek())) {
        expectStart("value");
        Object v = value();
        expectEnd();
        result = XmlRpcResponse.fault(toFault(v));
      } else {
        throw error("expected <params> or <fault>");
      }
      expectEnd();
      endDocument();
      return result;
    }

    private XmlRpcFault toFault(Object v) {
      XmlRpcFault f = XmlRpcFault.fromStruct(v);
      if (f == null) {
        throw error("a fault must be a struct with an integer faultCode and a string faultString");
      }
      return f;
    }

    /** Reads a value; the reader stands on {@code <value>}, and leaves after {@code </value>}. */
    private Object value() throws XMLStreamException {
      if (++depth > maxDepth) {
        throw error("values nested deeper than " + maxDepth + " levels");
      }
      StringBuilder untyped = new StringBuilder();
      Object result;
      while (true) {
        if (!r.hasNext()) {
          throw error("XML-RPC body is truncated: the document ends inside <value>");
        }
        int ev = r.next();
        if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA || ev == XMLStreamConstants.SPACE) {
          untyped.append(r.getText());
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          stack.pop();
          depth--;
          return untyped.toString(); // <value>text</value> is a string
        } else if (ev == XMLStreamConstants.START_ELEMENT) {
          stack.push(name());
          if (!untyped.toString().isBlank()) {
            throw error("text mixed with <" + stack.peek() + "> inside <value>");
          }
          result = typed((String) stack.peek());
          break;
        } else if (ev == XMLStreamConstants.ENTITY_REFERENCE || ev == XMLStreamConstants.DTD) {
          throw error("DTDs and entities are not allowed in XML-RPC");
        } else if (ev == XMLStreamConstants.END_DOCUMENT) {
          throw error("XML-RPC body is truncated: the document ends inside <value>");
        }
      }
      expectEnd();
      depth--;
      return result;
    }

    private Object typed(String type) throws XMLStreamException {
      switch (type) {
        case "int":
        case "i4":
        case "i8":
        case "i1":
        case "i2":
        case "biginteger":
          return integer(text().trim());
        case "boolean":
          return bool(text().trim());
        case "double":
        case "float":
          return dbl(text().trim());
        case "string":
          return text();
        case "nil":
          if (!text().isBlank()) {
            throw error("<nil> must be empty");
          }
          return null;
        case "base64":
          return base64(text());
        case "dateTime.iso8601":
        case "dateTime":
          return dateTime(text().trim());
        case "struct":
          return struct();
        case "array":
          return array();
        default:
          throw error("unknown XML-RPC type <" + type + ">");
      }
    }

    private Object integer(String s) {
      try {
        BigInteger b = new BigInteger(s.startsWith("+") ? s.substring(1) : s);
        return b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0 ? (Object) b.longValue() : b;
      } catch (NumberFormatException e) {
        throw error("bad integer '" + excerpt(s) + "'");
      }
    }

    private Boolean bool(String s) {
      switch (s) {
        case "1":
        case "true":
          return Boolean.TRUE;
        case "0":
        case "false":
          return Boolean.FALSE;
        default:
          throw error("bad boolean '" + excerpt(s) + "' (expected 0 or 1)");
      }
    }

    private Double dbl(String s) {
      try {
        double d = Double.parseDouble(s);
        if (s.isEmpty() || Character.isLetter(s.charAt(s.length() - 1)) && !s.endsWith("inf") && !s.endsWith("nan")) {
          throw new NumberFormatException(s); // Java accepts "1d"/"1f" suffixes; XML-RPC does not
        }
        if (Double.isInfinite(d) || Double.isNaN(d)) {
          // XML-RPC has no infinity or NaN, and we could not write the value back (found by fuzzing).
          throw error("double '" + excerpt(s) + "' is out of range");
        }
        return d;
      } catch (NumberFormatException e) {
        throw error("bad double '" + excerpt(s) + "'");
      }
    }

    private byte[] base64(String s) {
      try {
        return Base64.getMimeDecoder().decode(s.replaceAll("\\s+", ""));
      } catch (IllegalArgumentException e) {
        throw error("bad base64: " + e.getMessage());
      }
    }

    private LocalDateTime dateTime(String s) {
      try {
        if (s.length() >= 8 && s.charAt(4) != '-') {
          String compact = s.length() > 17 ? s.substring(0, 17) : s; // fractions/zones beyond Python's form are dropped
          return LocalDateTime.parse(compact, PY_DATETIME);
        }
        return LocalDateTime.parse(s.length() > 19 ? s.substring(0, 19) : s);
      } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
        throw error("bad dateTime.iso8601 '" + excerpt(s) + "'");
      }
    }

    private Map<String, Object> struct() throws XMLStreamException {
      Map<String, Object> m = new LinkedHashMap<>();
      while (nextTag() == XMLStreamConstants.START_ELEMENT) {
        if (!"member".equals(stack.peek())) {
          throw error("expected <member> inside <struct>");
        }
        String key = null;
        Object v = null;
        boolean haveValue = false;
        while (nextTag() == XMLStreamConstants.START_ELEMENT) {
          Object el = stack.peek();
          if ("name".equals(el) && key == null) {
            key = text();
          } else if ("value".equals(el) && !haveValue) {
            if (key != null) {
              stack.pop();
              stack.push(new Indexed(key));
            }
            v = value();
            haveValue = true;
          } else {
            throw error("unexpected <" + el + "> inside <member>");
          }
        }
        if (key == null || !haveValue) {
          throw error("a struct <member> needs a <name> and a <value>");
        }
        stack.pop();
        m.put(key, v);
      }
      stack.pop();
      return Collections.unmodifiableMap(m);
    }

    private List<Object> array() throws XMLStreamException {
      expectStart("data");
      List<Object> items = new ArrayList<>();
      int i = 0;
      while (nextTag() == XMLStreamConstants.START_ELEMENT) {
        if (!"value".equals(stack.peek())) {
          throw error("expected <value> inside <data>");
        }
        stack.pop();
        stack.push(new Indexed(i++));
        items.add(value());
      }
      stack.pop();
      expectEnd();
      return Collections.unmodifiableList(items);
    }
  }

  /** A {@code <value>} inside a struct member or an array, printed as {@code value[key]}. */
  private static final class Indexed {
    private final Object key;

    Indexed(Object key) {
      this.key = key;
    }

    @Override
    public String toString() {
      return "value[" + key + "]";
    }
  }

  private static String excerpt(String s) {
    String t = s.strip();
    return t.length() > 40 ? t.substring(0, 40) + "..." : t;
  }

  /** Counts bytes, stops at the limit, and records whether the underlying stream ended. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private final long limit;
    long count;
    boolean exceeded;
    boolean eof;

    BoundedInputStream(InputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (count >= limit) {
        // One byte past the limit proves the body is too large.
        int probe = in.read();
        if (probe < 0) {
          eof = true;
          return -1;
        }
        exceeded = true;
        throw new IOException("XML-RPC body exceeds " + limit + " bytes");
      }
      int n = in.read(b, off, (int) Math.min(len, limit - count));
      if (n < 0) {
        eof = true;
      } else {
        count += n;
      }
      return n;
    }
  }
}
