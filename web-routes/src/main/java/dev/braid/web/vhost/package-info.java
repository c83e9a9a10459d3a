/** Name-based virtual hosting ({@link dev.braid.web.vhost.NameVirtualHost}). */
package dev.braid.web.vhost;
