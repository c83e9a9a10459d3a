package dev.braid.web.internal;

/** HTML escaping for text and attribute values in generated pages. */
public final class Html {
    private Html() {
    }

    /**
     * Escapes {@code & < >} for element content (quotes may stay as they are there).
     *
     * @param text any text, may be null (gives "")
     * @return the escaped text
     */
    public static String escapeText(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Escapes {@code & < > " '} so the text can go into element content or a quoted attribute.
     *
     * @param text any text, may be null (gives "")
     * @return the escaped text
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
