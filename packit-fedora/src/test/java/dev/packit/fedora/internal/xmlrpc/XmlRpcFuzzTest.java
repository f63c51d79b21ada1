package dev.packit.fedora.internal.xmlrpc;

import dev.packit.core.InvalidInputException;
import dev.packit.core.testing.Fuzz;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the XML-RPC decoder: any body decodes or fails with {@link InvalidInputException}, and
 * whatever decodes can be encoded again and decodes once more.
 */
class XmlRpcFuzzTest {
  private final XmlRpcCodec codec = XmlRpcCodec.withLimits(1 << 20, 64);

  @Test
  void callsAndResponsesDecodeOrFailWithInvalidInput() {
    Fuzz.target("xmlrpc")
        .seeds(Fuzz.fixtureSeeds("koji", name -> name.endsWith(".xml")))
        .seed("<?xml version='1.0'?><methodResponse><params><param><value><struct>"
            + "<member><name>a</name><value><int>1</int></value></member>"
            + "<member><name>b</name><value><array><data><value><double>1.5</double></value>"
            + "<value><boolean>1</boolean></value><value><base64>eA==</base64></value><value><nil/></value>"
            + "<value><dateTime.iso8601>20261123T22:00:00</dateTime.iso8601></value><value><i8>9</i8></value>"
            + "<value>plain</value></data></array></value></member>"
            + "</struct></value></param></params></methodResponse>")
        .seed("<?xml version='1.0'?><methodCall><methodName>getBuild</methodName><params><param><value>"
            + "<string>x</string></value></param></params></methodCall>")
        .tokens("<value>", "</value>", "<array><data>", "</data></array>", "<struct>", "</struct>", "<member>",
            "</member>", "<name>", "</name>", "<int>", "</int>", "<i4>", "<i8>", "<double>", "<boolean>", "<string>",
            "<base64>", "</base64>", "<nil/>", "<dateTime.iso8601>", "<fault>", "<params>", "<param>",
            "<methodName>", "<?xml version='1.0' encoding='UTF-16'?>", "<!ENTITY x SYSTEM \"file:///etc/passwd\">",
            "&x;", "&lt;", "&#x0;", "&#1114112;", "<!--", "-->", "<?pi x?>", "<value><array><data><value><array><data>",
            "<value><struct><member><name>x</name><value><struct><member><name>y</name>",
            "2147483647", "-2147483648", "9223372036854775807", "1e400", "=", "==", "%%%")
        .expect(InvalidInputException.class)
        .run(bytes -> {
          try {
            XmlRpcResponse r = codec.decodeResponse(bytes, "fuzz response");
            codec.decodeResponse(codec.encode(r), "re-encoded response");
          } catch (InvalidInputException e) {
            XmlRpcCall c = codec.decodeCall(bytes, "fuzz call");
            codec.decodeCall(codec.encodeCall(c.methodName(), c.params()), "re-encoded call");
          }
        });
  }
}
