package com.penguinmails.functions.analytics;

import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The analytics page: {@code GET /dashboard} is its index.html and {@code GET /dashboard/{file}} its script and
 * stylesheet, read from the jar's {@code dashboard/} folder (the build bundles them there, see
 * functions-analytics/src/main/dashboard). No API key: the page holds no data; the person pastes a key into it and
 * the page calls the API with that key. Only a plain file name of a known type is looked up, so nothing outside the
 * folder can be reached; anything else is a 404.
 */
public final class DashboardHandler extends HttpApiHandler {

    private static final String FOLDER = "dashboard/";
    /** A file name without a folder: no slash, no leading dot, no "..", and an extension the table below knows. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9]+)+");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "txt", "text/plain; charset=utf-8");
    /**
     * Same origin only: the page's own script and stylesheet, and calls to the API it is served by. Chart.js draws on
     * a canvas and sets element styles from script, which style-src does not govern.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** The files never change while the function runs: each is read from the jar once. */
    private final Map<String, Optional<String>> files = new ConcurrentHashMap<>();

    public DashboardHandler() {
        this(Platform.fromEnvironment());
    }

    public DashboardHandler(Platform platform) {
        super(platform);
    }

    /** Every route this handler serves, bound to the method that serves it (RouteTablesTest holds it to the catalog). */
    public static final Routes<DashboardHandler> ROUTES = Routes.of(
            Map.entry("GET /dashboard", DashboardHandler::index),
            Map.entry("GET /dashboard/{file}", DashboardHandler::file));

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse index(ApiRequest request) {
        return serve("index.html");
    }

    private ApiResponse file(ApiRequest request) {
        return serve(request.pathParameter("file"));
    }

    private ApiResponse serve(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        if (!FILE_NAME.matcher(name).matches() || !CONTENT_TYPES.containsKey(extension)) {
            throw notFound(name);
        }
        String body = files.computeIfAbsent(name, DashboardHandler::read).orElseThrow(() -> notFound(name));
        return new ApiResponse(200, Map.of(
                "Content-Type", CONTENT_TYPES.get(extension),
                // Not fingerprinted file names, so browsers revalidate rather than keep an old script after a deploy.
                "Cache-Control", "no-cache",
                "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer"), body);
    }

    private static Optional<String> read(String name) {
        try (InputStream in = DashboardHandler.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + FOLDER + name + " from the jar", e);
        }
    }

    private static ApiProblem notFound(String name) {
        return ApiProblem.notFound("The dashboard has no file " + (name.length() > 80 ? name.substring(0, 80) + "..." : name) + ".");
    }
}
