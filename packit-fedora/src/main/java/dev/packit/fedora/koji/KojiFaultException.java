package dev.packit.fedora.koji;

import dev.packit.core.PackitServiceException;
import dev.packit.core.Redaction;

/**
 * The Koji hub answered a call with an XML-RPC fault.
 *
 * <pre>{@code
 * try {
 *   koji.build(request);
 * } catch (KojiFaultException e) {
 *   if (e.fault().isA(KojiFault.AUTH_ERROR)) { ... }
 *   log.warn("koji said {} ({})", e.faultString(), e.faultCode());
 * }
 * }</pre>
 *
 * <p>{@code status()} is 0 (faults arrive as HTTP 200). Only {@link KojiFault#SERVER_OFFLINE} is
 * retryable. The fault string is redacted before it is stored.
 */
public class KojiFaultException extends PackitServiceException {
  private static final long serialVersionUID = 1L;

  private final int faultCode;
  private final String faultString;
  private final String kojiMethod;

  /**
   * Creates the exception.
   *
   * @param faultCode the fault code
   * @param faultString the fault string
   * @param kojiMethod the XML-RPC method that failed
   * @param url the hub URL (redacted when stored)
   * @param attempts HTTP attempts made
   */
  public KojiFaultException(int faultCode, String faultString, String kojiMethod, String url, int attempts) {
    super(PackitServiceException.builder().service("koji").method(kojiMethod).url(url).status(0)
        .attempts(Math.max(1, attempts)).retryable(KojiFault.fromCode(faultCode) == KojiFault.SERVER_OFFLINE)
        .detail(KojiFault.fromCode(faultCode).name() + " (" + faultCode + "): " + faultString));
    this.faultCode = faultCode;
    this.faultString = Redaction.text(faultString);
    this.kojiMethod = kojiMethod;
  }

  /**
   * Returns the fault code.
   *
   * @return the faultCode
   */
  public int faultCode() {
    return faultCode;
  }

  /**
   * Returns the fault string, redacted.
   *
   * @return the faultString
   */
  public String faultString() {
    return faultString;
  }

  /**
   * Returns the fault mapped to Koji's exception classes.
   *
   * @return the fault
   */
  public KojiFault fault() {
    return KojiFault.fromCode(faultCode);
  }

  /**
   * Returns the XML-RPC method that failed.
   *
   * @return the method name
   */
  public String kojiMethod() {
    return kojiMethod;
  }
}
