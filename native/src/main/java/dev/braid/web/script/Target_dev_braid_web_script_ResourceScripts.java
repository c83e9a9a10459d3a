package dev.braid.web.script;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

import javax.tools.JavaCompiler;

/**
 * {@link ResourceScripts} in the native binary: there is no Java compiler to
 * find (javac needs the JDK's class files at run time), so every resource
 * script answers 501 with a page saying why. Answering null here also keeps
 * javac out of the executable.
 */
@TargetClass(ResourceScripts.class)
@SuppressWarnings("unused")
final class Target_dev_braid_web_script_ResourceScripts {
    @Substitute
    private static JavaCompiler systemCompiler() {
        return null;
    }
}
