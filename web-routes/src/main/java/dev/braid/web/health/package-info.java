/** A health endpoint for load balancers, beside the Sites of a routing. */
package dev.braid.web.health;
