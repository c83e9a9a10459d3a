/** How braid words a failure for the person who reads it: a message, never a Java class name. */
package dev.braid.app.problems;
