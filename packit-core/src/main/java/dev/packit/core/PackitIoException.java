package dev.packit.core;

/**
 * A network or I/O failure while talking to a service: the connection was refused or reset, a
 * timeout passed, the body was cut short. The service may or may not have acted on the request.
 *
 * <pre>{@code
 * throw new PackitIoException("koji", "POST", url, 3, ioException);
 * }</pre>
 */
public class PackitIoException extends PackitClientException {
  private static final long serialVersionUID = 1L;

  private final String service;
  private final String method;
  private final String url;
  private final int attempts;

  /**
   * Creates an exception; the URL is redacted here.
   *
   * @param service service name such as {@code github}
   * @param method HTTP method
   * @param url request URL, redacted before it is stored
   * @param attempts attempts made, at least 1
   * @param cause the I/O failure
   */
  public PackitIoException(String service, String method, String url, int attempts, Throwable cause) {
    super(service + ": " + method + " " + Redaction.url(url) + " failed after " + attempts
        + (attempts == 1 ? " attempt: " : " attempts: ") + Redaction.text(String.valueOf(cause)), cause);
    this.service = service;
    this.method = method;
    this.url = Redaction.url(url);
    this.attempts = attempts;
  }

  /** @return the service name */
  public String service() {
    return service;
  }

  /** @return the HTTP method */
  public String method() {
    return method;
  }

  /** @return the redacted request URL */
  public String url() {
    return url;
  }

  /** @return the number of attempts made */
  public int attempts() {
    return attempts;
  }

  /** A network failure may pass: always retryable (for requests that are safe to repeat). */
  @Override
  public boolean retryable() {
    return true;
  }
}
