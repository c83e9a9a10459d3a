package dev.braid.web;

import dev.braid.web.internal.Html;

/**
 * A resource that renders an error page for every method and is its own child
 * (Twisted's {@code resource.ErrorPage}, {@code NoResource} and
 * {@code ForbiddenResource}). Unlike Twisted 22.4, the brief and detail texts
 * are HTML-escaped.
 *
 * <pre>{@code
 * root.putChild("private", ErrorPage.forbidden());
 * }</pre>
 */
public class ErrorPage extends Resource {
    private final int code;
    private final String brief;
    private final String detail;

    /**
     * Creates an error page.
     *
     * @param code the HTTP status
     * @param brief the title, e.g. "No Such Resource"
     * @param detail the explanation
     */
    public ErrorPage(int code, String brief, String detail) {
        this.code = code;
        this.brief = brief;
        this.detail = detail;
    }

    /**
     * Returns Twisted's {@code NoResource}: 404 "No Such Resource".
     *
     * @return the page
     */
    public static ErrorPage noResource() {
        return noResource("Sorry. No luck finding that resource.");
    }

    /**
     * Returns a 404 page with a custom detail.
     *
     * @param detail the explanation
     * @return the page
     */
    public static ErrorPage noResource(String detail) {
        return new ErrorPage(404, "No Such Resource", detail);
    }

    /**
     * Returns Twisted's {@code ForbiddenResource}: 403 "Forbidden Resource".
     *
     * @return the page
     */
    public static ErrorPage forbidden() {
        return new ErrorPage(403, "Forbidden Resource", "Sorry, resource is forbidden.");
    }

    /**
     * Returns the page's status code.
     *
     * @return the code
     */
    public int code() {
        return code;
    }

    @Override
    public Resource getChild(String path, Request request) {
        return this;
    }

    @Override
    public Object render(Request request) {
        request.setResponseCode(code);
        request.setHeader("Content-Type", "text/html; charset=utf-8");
        return page(code, brief, detail);
    }

    /** Twisted's error page layout, escaped. */
    static String page(int code, String brief, String detail) {
        String title = Html.escapeText(brief);
        return "\n<html>\n  <head><title>" + code + " - " + title + "</title></head>\n  <body>\n    <h1>"
                + title + "</h1>\n    <p>" + Html.escapeText(detail) + "</p>\n  </body>\n</html>\n";
    }
}
