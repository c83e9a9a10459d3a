package dev.braid.nativeimage;

import org.graalvm.nativeimage.hosted.Feature;
import org.graalvm.nativeimage.hosted.RuntimeReflection;

/**
 * Registers, while the native image is built, what Braid finds by reflection
 * at run time, for every class the image can reach:
 *
 * <ul>
 *   <li>each {@code dev.braid.web.Resource} subclass's declared methods (the
 *       {@code Allow} header of a 405 lists the {@code render*} methods a
 *       resource declares) and constructors, and the class by name (so
 *       {@code braid web --class NAME} finds the resources compiled into the
 *       binary);</li>
 *   <li>each {@code com.sun.net.httpserver.HttpHandler} implementation, by name
 *       and public constructor ({@code braid web --handler NAME}).</li>
 * </ul>
 *
 * <p>Enabled by this module's {@code native-image.properties}. Registering per
 * reachable subtype keeps the metadata exact as resources are added, where a
 * hand-written list would fall behind.
 */
public final class ResourceReflectionFeature implements Feature {
    @Override
    public String getDescription() {
        return "Registers Braid's resources and handler apps for reflection";
    }

    @Override
    public void beforeAnalysis(BeforeAnalysisAccess access) {
        Class<?> resource = access.findClassByName("dev.braid.web.Resource");
        if (resource != null) {
            access.registerSubtypeReachabilityHandler((duringAnalysis, type) -> {
                RuntimeReflection.register(type);
                RuntimeReflection.registerAllDeclaredMethods(type);
                RuntimeReflection.register(type.getDeclaredConstructors());
            }, resource);
        }
        Class<?> handler = access.findClassByName("com.sun.net.httpserver.HttpHandler");
        if (handler != null) {
            access.registerSubtypeReachabilityHandler((duringAnalysis, type) -> {
                RuntimeReflection.register(type);
                RuntimeReflection.register(type.getConstructors());
            }, handler);
        }
    }
}
