package dev.packit.cli;

import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import dev.packit.core.PackitClientException;
import dev.packit.core.Secret;
import java.io.IOException;
import java.io.StringReader;
import dev.packit.fedora.FedoraInstance;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The user's config, Packit's {@code ~/.config/packit.yaml}: tokens per forge host, the Fedora
 * account and Kerberos settings, and (a packit-java addition) where the Fedora services are.
 *
 * <pre>{@code
 * UserConfig cfg = UserConfig.load(Path.of(System.getProperty("user.home"), ".config/packit.yaml"), System.getenv());
 * Optional<Secret> token = cfg.token(URI.create("https://api.github.com/"), "github");
 * }</pre>
 *
 * <p>Tokens are held as {@link Secret}s; {@link #secrets()} lists them so that every line the CLI
 * prints can be redacted. Errors name the file, line and column.
 *
 * @param source the file it was read from, or {@code (defaults)}
 * @param fasUser the Fedora account, empty when unset
 * @param keytabPath the keytab for Kerberos logins, empty when unset
 * @param kerberosRealm the Kerberos realm, {@code FEDORAPROJECT.ORG} by default
 * @param authentication entries keyed by host name or URL prefix, in file order
 * @param instances where the Fedora services are
 * @param env the environment tokens were looked up in (only the token variables are kept)
 */
record UserConfig(String source, String fasUser, String keytabPath, String kerberosRealm,
    Map<String, Auth> authentication, FedoraInstance instances, Map<String, String> env) {

  /** Environment variables that carry tokens, by forge type. */
  static final Map<String, String> TOKEN_VARIABLES = Map.of(
      "github", "GITHUB_TOKEN", "gitlab", "GITLAB_TOKEN", "pagure", "PAGURE_TOKEN",
      "koji", "KOJI_TOKEN", "bodhi", "BODHI_TOKEN", "lookaside", "LOOKASIDE_TOKEN");

  /** Packit's user-config keys that packit-java reads or accepts and ignores. */
  private static final Set<String> IGNORED_PACKIT_KEYS = Set.of("debug", "fas_password", "redhat_api_refresh_token",
      "upstream_git_remote", "github_app_id", "github_app_cert_path", "command_handler", "command_handler_work_dir",
      "command_handler_pvc_env_var", "command_handler_image_reference", "command_handler_k8s_namespace",
      "command_handler_pvc_volume_specs", "command_handler_storage_class", "appcode", "package_config_path",
      "koji_build_command", "pkg_tool", "repository_cache", "add_repositories_to_repository_cache",
      "default_parse_time_macros", "pagure_fork_token");
  private static final List<String> TOP_KEYS = List.of("authentication", "fas_user", "keytab_path", "kerberos_realm",
      "instances", "github_token", "pagure_user_token");
  private static final List<String> AUTH_KEYS = List.of("token", "instance_url", "type");
  /** The forge kinds of the providers on the class path (Forgejo and plug-ins too), then the Fedora services. */
  private static final List<String> FORGE_TYPES = java.util.stream.Stream.concat(
      dev.packit.forge.Forges.providers().stream().map(p -> p.kind().id()),
      java.util.stream.Stream.of("koji", "bodhi", "lookaside")).distinct().toList();
  private static final List<String> INSTANCE_KEYS = List.of("dist_git", "dist_git_git", "dist_git_namespace",
      "lookaside", "lookaside_upload", "koji", "bodhi");

  /**
   * One {@code authentication} entry.
   *
   * @param key the host name ({@code github.com}) or URL prefix ({@code http://127.0.0.1:8080/pagure/})
   * @param token the token, possibly empty
   * @param instanceUrl the API root, empty for the host's default
   * @param type {@code github}, {@code gitlab}, {@code pagure}, ... or empty to guess from the host
   */
  record Auth(String key, Secret token, String instanceUrl, String type) {}

  /** Fedora's production instance: where the services are when {@code instances} names none. */
  static final FedoraInstance FEDORA = FedoraInstance.production();

  /**
   * This config with the account of {@code --fas-user} and {@code --keytab}, when given.
   *
   * @param fasUserOption the {@code --fas-user} value, or null
   * @param keytabOption the {@code --keytab} value, or null
   * @return the config
   */
  UserConfig withAccount(String fasUserOption, Path keytabOption) {
    if (keytabOption != null && !Files.isRegularFile(keytabOption)) {
      throw usage("--keytab " + keytabOption + ": no such file");
    }
    String u = fasUserOption == null || fasUserOption.isBlank() ? fasUser : fasUserOption.strip();
    String k = keytabOption == null ? keytabPath : keytabOption.toAbsolutePath().toString();
    return new UserConfig(source, u, k, kerberosRealm, authentication, instances, env);
  }

  /** Keeps secrets out of {@code toString()}. */
  @Override
  public String toString() {
    return "UserConfig[" + source + ", fas_user=" + fasUser + ", hosts=" + authentication.keySet() + ", " + instances + "]";
  }

  /**
   * The config path: {@code --config}, else {@code PACKIT_CONFIG}, else {@code ~/.config/packit.yaml}.
   *
   * @param option the {@code --config} value, or null
   * @param env the environment
   * @return the path, and whether it was named explicitly (then it must exist)
   */
  static Map.Entry<Path, Boolean> locate(Path option, Map<String, String> env) {
    if (option != null) {
      return Map.entry(option, true);
    }
    String fromEnv = env.get("PACKIT_CONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Map.entry(Path.of(fromEnv), true);
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    String xdg = env.get("XDG_CONFIG_HOME");
    Path dir = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".config");
    return Map.entry(dir.resolve("packit.yaml"), false);
  }

  /**
   * Reads the config; a missing file that was not named explicitly gives the defaults.
   *
   * @param file the file
   * @param mustExist whether a missing file is an error
   * @param env the environment (token variables)
   * @return the config
   * @throws InvalidInputException naming file, line and column
   */
  static UserConfig load(Path file, boolean mustExist, Map<String, String> env) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      if (mustExist) {
        throw new InvalidInputException(InputLocation.of(file.toString()), "no such file");
      }
      return defaults(env);
    } catch (IOException e) {
      throw new InvalidInputException(InputLocation.of(file.toString()), "cannot read: " + e.getMessage(), e);
    }
    return parse(bytes, file.toString(), env);
  }

  /**
   * The defaults: Fedora's instances, tokens only from the environment.
   *
   * @param env the environment
   * @return the config
   */
  static UserConfig defaults(Map<String, String> env) {
    return new UserConfig("(defaults)", "", "", "FEDORAPROJECT.ORG", Map.of(), FEDORA, tokenEnv(env));
  }

  /**
   * Parses config text.
   *
   * @param bytes the YAML
   * @param source the file name for errors
   * @param env the environment
   * @return the config
   */
  static UserConfig parse(byte[] bytes, String source, Map<String, String> env) {
    InputLocation at = InputLocation.of(source);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(at, "not UTF-8");
    }
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(10);
    options.setAllowDuplicateKeys(false);
    options.setCodePointLimit(1 << 20);
    options.setNestingDepthLimit(20);
    Node root;
    try {
      root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark();
      throw new InvalidInputException(mark == null ? at : at.at(mark.getLine() + 1, mark.getColumn() + 1),
          "invalid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new InvalidInputException(at, "invalid YAML: " + e.getMessage());
    }
    String fasUser = "";
    String keytab = "";
    String realm = "FEDORAPROJECT.ORG";
    Map<String, Auth> auth = new LinkedHashMap<>();
    FedoraInstance inst = FEDORA;
    if (root == null) {
      return new UserConfig(source, fasUser, keytab, realm, auth, inst, tokenEnv(env));
    }
    MappingNode top = mapping(root, at, "");
    for (Map.Entry<String, NodeTuple> e : entries(top, at, "").entrySet()) {
      String key = e.getKey();
      Node value = e.getValue().getValueNode();
      switch (key) {
        case "fas_user" -> fasUser = scalar(value, at, key);
        case "keytab_path" -> keytab = scalar(value, at, key);
        case "kerberos_realm" -> realm = scalar(value, at, key);
        case "github_token" -> auth.putIfAbsent("github.com",
            new Auth("github.com", Secret.of(scalar(value, at, key)), "", "github"));
        case "pagure_user_token" -> auth.putIfAbsent("src.fedoraproject.org",
            new Auth("src.fedoraproject.org", Secret.of(scalar(value, at, key)), "", "pagure"));
        case "authentication" -> {
          for (Map.Entry<String, NodeTuple> h : entries(mapping(value, at, key), at, key).entrySet()) {
            String field = key + "." + h.getKey();
            Node hv = h.getValue().getValueNode();
            String token = "";
            String url = "";
            String type = "";
            for (Map.Entry<String, NodeTuple> f : entries(mapping(hv, at, field), at, field).entrySet()) {
              Node fv = f.getValue().getValueNode();
              String ff = field + "." + f.getKey();
              switch (f.getKey()) {
                case "token" -> token = scalar(fv, at, ff);
                case "instance_url" -> url = url(scalar(fv, at, ff), fv, at, ff).toString();
                case "type" -> {
                  type = scalar(fv, at, ff).toLowerCase(Locale.ROOT);
                  if (!FORGE_TYPES.contains(type)) {
                    throw error(fv, at, ff, "unknown type '" + type + "'; expected one of " + String.join(", ", FORGE_TYPES));
                  }
                }
                default -> throw error(f.getValue().getKeyNode(), at, ff, unknown(f.getKey(), AUTH_KEYS));
              }
            }
            String hostKey = h.getKey();
            if (hostKey.contains("://")) {
              url(hostKey, h.getValue().getKeyNode(), at, field);
            }
            auth.put(hostKey, new Auth(hostKey, Secret.of(token), url, type));
          }
        }
        case "instances" -> inst = instances(mapping(value, at, key), at, key);
        default -> {
          if (!IGNORED_PACKIT_KEYS.contains(key) && !key.startsWith("github_app_")) {
            throw error(e.getValue().getKeyNode(), at, key, unknown(key, TOP_KEYS));
          }
        }
      }
    }
    return new UserConfig(source, fasUser, keytab, realm, auth, inst, tokenEnv(env));
  }

  private static FedoraInstance instances(MappingNode node, InputLocation at, String field) {
    Map<String, URI> urls = new LinkedHashMap<>();
    String namespace = FEDORA.namespace();
    for (Map.Entry<String, NodeTuple> e : entries(node, at, field).entrySet()) {
      String f = field + "." + e.getKey();
      Node v = e.getValue().getValueNode();
      if (!INSTANCE_KEYS.contains(e.getKey())) {
        throw error(e.getValue().getKeyNode(), at, f, unknown(e.getKey(), INSTANCE_KEYS));
      }
      if (e.getKey().equals("dist_git_namespace")) {
        namespace = scalar(v, at, f);
      } else {
        urls.put(e.getKey(), url(scalar(v, at, f), v, at, f));
      }
    }
    // Only the services the file names move; the rest stay Fedora's production ones.
    FedoraInstance d = FEDORA;
    URI distGit = slash(urls.getOrDefault("dist_git", d.distGit()));
    URI lookaside = slash(urls.getOrDefault("lookaside", d.lookaside()));
    FedoraInstance.Builder b = FedoraInstance.builder(d).distGit(distGit)
        .gitBase(slash(urls.getOrDefault("dist_git_git", urls.containsKey("dist_git") ? distGit : d.gitBase())))
        .namespace(namespace)
        .lookaside(lookaside)
        .lookasideUpload(urls.getOrDefault("lookaside_upload", urls.containsKey("lookaside")
            ? lookaside.resolve("upload.cgi") : d.lookasideUpload()))
        .kojiHub(urls.getOrDefault("koji", d.kojiHub()));
    if (urls.containsKey("bodhi")) {
      b.bodhi(slash(urls.get("bodhi")));
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw usage(field + ": " + e.getMessage());
    }
  }

  private static URI slash(URI u) {
    return u.toString().endsWith("/") ? u : URI.create(u + "/");
  }

  private static Map<String, String> tokenEnv(Map<String, String> env) {
    Map<String, String> kept = new LinkedHashMap<>();
    for (String name : TOKEN_VARIABLES.values()) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        kept.put(name, v);
      }
    }
    return Map.copyOf(kept);
  }

  /**
   * The entry for a service URL: the longest URL-prefix key it starts with, else the key equal to
   * its host ({@code host:port} when the port is explicit, then the bare host).
   *
   * @param url the service URL
   * @return the entry
   */
  Optional<Auth> entryFor(URI url) {
    String u = url.toString();
    Auth best = null;
    for (Auth a : authentication.values()) {
      if (a.key().contains("://") && u.startsWith(a.key()) && (best == null || a.key().length() > best.key().length())) {
        best = a;
      }
    }
    if (best == null && url.getHost() != null) {
      best = url.getPort() > 0 ? authentication.get(url.getHost() + ":" + url.getPort()) : null;
      if (best == null) {
        best = authentication.get(url.getHost());
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The token for a service: its environment variable ({@code GITHUB_TOKEN}...) wins over the file.
   *
   * @param url the service URL
   * @param type the service type ({@code github}, {@code pagure}, {@code koji}, ...)
   * @return the token, if any
   */
  Optional<Secret> token(URI url, String type) {
    String var = TOKEN_VARIABLES.get(type);
    if (var != null && env.containsKey(var)) {
      return Optional.of(Secret.of(env.get(var)));
    }
    return entryFor(url).map(Auth::token).filter(t -> !t.isEmpty());
  }

  /**
   * The lookaside's own token: {@code $LOOKASIDE_TOKEN}, or an entry that is not dist-git's (a
   * longer URL prefix for the lookaside), or dist-git's entry when it says {@code type: lookaside}.
   * The dist-git token of the same host is not a lookaside credential: Fedora's lookaside takes
   * Kerberos, so it is never sent there by accident.
   *
   * @param lookasideUpload the lookaside upload URL
   * @param distGit the dist-git root
   * @return the token, if one was given for the lookaside
   */
  Optional<Secret> lookasideToken(URI lookasideUpload, URI distGit) {
    String var = TOKEN_VARIABLES.get("lookaside");
    if (env.containsKey(var)) {
      return Optional.of(Secret.of(env.get(var)));
    }
    Optional<Auth> entry = entryFor(lookasideUpload);
    if (entry.isEmpty() || entry.get().token().isEmpty()) {
      return Optional.empty();
    }
    boolean sharedWithDistGit = entry.equals(entryFor(distGit));
    return sharedWithDistGit && !entry.get().type().equals("lookaside") ? Optional.empty() : Optional.of(entry.get().token());
  }

  /**
   * Where a token for a service comes from, for {@code --verbose}: never the token itself.
   *
   * @param url the service URL
   * @param type the service type
   * @return e.g. {@code GITHUB_TOKEN} or {@code authentication."github.com"} or {@code none}
   */
  String tokenOrigin(URI url, String type) {
    String var = TOKEN_VARIABLES.get(type);
    if (var != null && env.containsKey(var)) {
      return "$" + var;
    }
    return entryFor(url).filter(a -> !a.token().isEmpty()).map(a -> "authentication.\"" + a.key() + "\" in " + source)
        .orElse("none");
  }

  /** @return every token value known (file and environment), for redaction */
  List<String> secrets() {
    List<String> out = new ArrayList<>(env.values());
    authentication.values().forEach(a -> {
      if (!a.token().isEmpty()) {
        out.add(a.token().reveal());
      }
    });
    return out;
  }

  // ---------------------------------------------------------------- YAML helpers

  private static MappingNode mapping(Node n, InputLocation at, String field) {
    if (n instanceof MappingNode m) {
      return m;
    }
    throw error(n, at, field.isEmpty() ? "(top)" : field, "expected a mapping");
  }

  private static Map<String, NodeTuple> entries(MappingNode m, InputLocation at, String field) {
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      Node k = t.getKeyNode();
      if (!(k instanceof ScalarNode s)) {
        throw error(k, at, field, "keys must be plain strings");
      }
      if (out.put(s.getValue(), t) != null) {
        throw error(k, at, field.isEmpty() ? s.getValue() : field + "." + s.getValue(), "duplicate key '" + s.getValue() + "'");
      }
    }
    return out;
  }

  private static String scalar(Node n, InputLocation at, String field) {
    if (n instanceof ScalarNode s) {
      return s.getValue();
    }
    throw error(n, at, field, "expected a string");
  }

  private static URI url(String value, Node n, InputLocation at, String field) {
    try {
      URI u = new URI(value);
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
        throw error(n, at, field, "expected an http(s) URL, got '" + value + "'");
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      throw error(n, at, field, "not a URL: " + e.getReason());
    }
  }

  private static InvalidInputException error(Node n, InputLocation at, String field, String problem) {
    InputLocation where = n.getStartMark() == null ? at : at.at(n.getStartMark().getLine() + 1, n.getStartMark().getColumn() + 1);
    return new InvalidInputException(where.field(field), problem);
  }

  private static String unknown(String key, List<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = editDistance(key, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return "unknown key '" + key + "'" + (best == null ? "; known: " + String.join(", ", known) : "; did you mean '" + best + "'?");
  }

  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** Thrown for a usage problem that is not about a file position. */
  static PackitClientException usage(String message) {
    return new PackitClientException(message);
  }
}
