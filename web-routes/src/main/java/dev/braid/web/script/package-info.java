/** Resource scripts: {@code .rpy.java} files compiled and served on demand (Twisted's {@code .rpy}). */
package dev.braid.web.script;
