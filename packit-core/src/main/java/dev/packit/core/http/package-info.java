/**
 * The HTTP foundation every packit-java client (GitHub, GitLab, Pagure, lookaside, Koji, Bodhi)
 * talks through: {@link dev.packit.core.http.HttpService} (retries, safe redirects, redacted
 * logging, typed errors) over an injectable {@link dev.packit.core.http.HttpTransport}, with
 * streaming {@link dev.packit.core.http.RequestBody request} and
 * {@link dev.packit.core.http.HttpResponse response} bodies.
 *
 * <pre>{@code
 * HttpService bodhi = HttpService.builder().service("bodhi")
 *     .baseUri("https://bodhi.fedoraproject.org/").build();
 * JsonNode update = bodhi.executeJson(HttpRequest.get("updates/FEDORA-2024-1"), JsonNode.class);
 * }</pre>
 */
@NullMarked
package dev.packit.core.http;

import org.jspecify.annotations.NullMarked;
