package dev.braid.web;

/** Small resources the tests mount. */
public final class TestPages {
    private TestPages() {
    }

    /**
     * A page that answers GET with fixed text.
     *
     * @param body the text
     * @return the resource
     */
    public static Resource text(String body) {
        return new Resource() {
            @Override
            protected Object renderGet(Request request) {
                return body;
            }
        };
    }
}
