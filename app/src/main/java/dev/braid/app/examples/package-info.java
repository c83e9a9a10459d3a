/**
 * The small programs of Dave Peticolas's Twisted Introduction, in Java, for
 * a reader of the tutorial to run beside the original: {@code braid example
 * NAME} (or {@code bin/example NAME}). Each class is written to be read next
 * to its Python file, with the tutorial's names and comments; where Java must
 * differ, a comment says so. The tests compare what each prints with what
 * the original prints under Twisted 22.4.
 */
package dev.braid.app.examples;
