package kr.daejeon.battery.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The published contract: {@code openapi.yaml} (OpenAPI 3.1) served as it is at {@code /openapi.yaml},
 * and a plain page at {@code /api-docs} listing every operation from it, so people without an OpenAPI
 * viewer can read it. Both are read once at start; the page is built from the document, escaped.
 */
public final class OpenApiDocs {

    public static final String RESOURCE = "openapi.yaml";

    private final byte[] yaml;
    private final String page;

    public OpenApiDocs() {
        try (InputStream in = OpenApiDocs.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            yaml = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page = page(document());
    }

    /** The document, parsed. */
    public JsonNode document() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void mount(Router router) {
        router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8")
                .putHeader("Access-Control-Allow-Origin", "*").end(io.vertx.core.buffer.Buffer.buffer(yaml)));
        router.get("/api-docs").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
                .end(page));
    }

    private static String page(JsonNode doc) {
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(escape(doc.path("info").path("title").asText())).append(" – HTTP API</title>")
                .append("<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a}")
                .append("table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc;vertical-align:top}")
                .append("code{font-size:.95em;overflow-wrap:anywhere}.m{font-weight:700;text-transform:uppercase}")
                // On a phone each operation is a short block instead of a four-column row.
                .append("@media (max-width:40rem){thead{position:absolute;left:-9999px}tr{display:block;padding:.5rem 0;")
                .append("border-bottom:1px solid #ccc}td{display:block;border:0;padding:.1rem 0}}</style></head><body><main>")
                .append("<h1>HTTP API</h1><p>").append(escape(doc.path("info").path("description").asText()))
                .append("</p><p>The machine-readable contract: <a href=\"/openapi.yaml\">openapi.yaml</a> (OpenAPI ")
                .append(escape(doc.path("openapi").asText())).append(").</p>");
        for (JsonNode tag : doc.path("tags")) {
            String name = tag.path("name").asText();
            b.append("<h2>").append(escape(tag.path("description").asText(name))).append("</h2><table><thead><tr>")
                    .append("<th scope=\"col\">Method</th><th scope=\"col\">Path</th><th scope=\"col\">What it does</th>")
                    .append("<th scope=\"col\">Answers</th></tr></thead><tbody>");
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> p = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    if (op.getKey().equals("parameters") || !op.getValue().path("tags").toString().contains("\"" + name + "\"")) {
                        continue;
                    }
                    StringBuilder codes = new StringBuilder();
                    op.getValue().path("responses").fieldNames().forEachRemaining(c -> codes.append(codes.length() == 0 ? "" : ", ").append(c));
                    b.append("<tr><td class=\"m\">").append(escape(op.getKey())).append("</td><td><code>")
                            .append(escape(p.getKey())).append("</code></td><td>")
                            .append(escape(op.getValue().path("summary").asText())).append("</td><td>")
                            .append(escape(codes.toString())).append("</td></tr>");
                }
            }
            b.append("</tbody></table>");
        }
        return b.append("</main></body></html>").toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
