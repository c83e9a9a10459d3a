/*
 * The process's locale for the native image's start-up (user.language,
 * user.country, user.script, user.variant and their display/format
 * variants), read from the environment as the JDK does on Unix: messages
 * (LC_MESSAGES) give the display locale, character handling (LC_CTYPE) the
 * format locale; "C" and "POSIX" mean en_US.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "include/svm_locale.h"

static svm_locale_props_t props;

/* glibc's @modifiers that name a script rather than a variant. */
static const char *script_of(const char *modifier) {
    static const char *const scripts[][2] = {
        {"cyrillic", "Cyrl"}, {"devanagari", "Deva"}, {"iqtelif", "Latn"}, {"latin", "Latn"},
    };
    for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++) {
        if (strcmp(modifier, scripts[i][0]) == 0) {
            return scripts[i][1];
        }
    }
    return NULL;
}

/* Splits language[_COUNTRY][.encoding][@modifier] into the four parts (malloc'ed). */
static int parse(int category, char **language, char **script, char **country, char **variant) {
    const char *name = setlocale(category, NULL);
    if (name == NULL || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0) {
        name = "en_US";
    }
    char *copy = strdup(name);
    if (copy == NULL) {
        return 0;
    }
    char *modifier = strchr(copy, '@');
    if (modifier != NULL) {
        *modifier++ = '\0';
    }
    char *encoding = strchr(copy, '.');
    if (encoding != NULL) {
        *encoding = '\0';
    }
    char *region = strchr(copy, '_');
    if (region != NULL) {
        *region++ = '\0';
    }
    const char *found_script = modifier == NULL ? NULL : script_of(modifier);
    *language = strdup(copy);
    *country = strdup(region == NULL ? "" : region);
    *script = strdup(found_script == NULL ? "" : found_script);
    /* "euro" only picks an encoding; other modifiers are variants */
    int is_variant = modifier != NULL && found_script == NULL && strcmp(modifier, "euro") != 0;
    *variant = strdup(is_variant ? modifier : "");
    free(copy);
    return *language != NULL && *country != NULL && *script != NULL && *variant != NULL;
}

int svm_initialize_locale(void) {
    setlocale(LC_ALL, "");
    int display = parse(LC_MESSAGES, &props.display_language, &props.display_script,
                        &props.display_country, &props.display_variant);
    int format = parse(LC_CTYPE, &props.format_language, &props.format_script,
                       &props.format_country, &props.format_variant);
    return display && format ? SVM_LOCALE_INITIALIZATION_SUCCEEDED : SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY;
}

svm_locale_props_t *svm_get_locale(void) {
    return &props;
}
