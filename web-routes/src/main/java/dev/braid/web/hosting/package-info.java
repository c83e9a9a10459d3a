/** Hosting applications written for the JDK's {@code com.sun.net.httpserver.HttpHandler} (Twisted's WSGIResource). */
package dev.braid.web.hosting;
