package dev.braid.app.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses one command line against an {@link OptionSpec} (getopt rules, see there). */
final class CommandLineParser {
    private final OptionSpec spec;
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> arguments = new ArrayList<>();
    private boolean help;

    CommandLineParser(OptionSpec spec) {
        this.spec = spec;
    }

    ParsedOptions parse(List<String> args, Path baseDirectory) throws UsageError {
        int i = 0;
        while (i < args.size()) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                arguments.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (arg.startsWith("--")) {
                i = longOption(args, i);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                i = shortOptions(args, i);
            } else if (spec.stopsAtArgument()) {
                arguments.addAll(args.subList(i, args.size()));
                break;
            } else {
                arguments.add(arg);
                i++;
            }
        }
        if (!help) {
            checkArgumentCount();
        }
        return new ParsedOptions(spec, values, arguments, baseDirectory, help);
    }

    private int longOption(List<String> args, int i) throws UsageError {
        String body = args.get(i).substring(2);
        int equals = body.indexOf('=');
        String name = equals < 0 ? body : body.substring(0, equals);
        Option option = spec.find(name).orElseThrow(() -> new UsageError("option --" + name + " not recognized"));
        if (!option.takesValue()) {
            if (equals >= 0) {
                throw new UsageError("option --" + name + " must not have an argument");
            }
            record(option, null);
            return i + 1;
        }
        if (equals >= 0) {
            record(option, body.substring(equals + 1));
            return i + 1;
        }
        if (i + 1 >= args.size()) {
            throw new UsageError("option --" + name + " requires argument");
        }
        record(option, args.get(i + 1));
        return i + 2;
    }

    private int shortOptions(List<String> args, int i) throws UsageError {
        String group = args.get(i);
        for (int k = 1; k < group.length(); k++) {
            char letter = group.charAt(k);
            Option option = spec.findShort(letter).orElseThrow(() -> new UsageError("option -" + letter + " not recognized"));
            if (!option.takesValue()) {
                record(option, null);
                continue;
            }
            if (k + 1 < group.length()) {
                record(option, group.substring(k + 1));
                return i + 1;
            }
            if (i + 1 >= args.size()) {
                throw new UsageError("option -" + letter + " requires argument");
            }
            record(option, args.get(i + 1));
            return i + 2;
        }
        return i + 1;
    }

    private void record(Option option, String value) throws UsageError {
        if (option.longName().equals(OptionSpec.HELP)) {
            help = true;
            return;
        }
        if (!option.takesValue()) {
            values.put(option.longName(), List.of());
            return;
        }
        String checked = OptionSpec.check(option, value, "");
        values.computeIfAbsent(option.longName(), n -> new ArrayList<>()).add(checked);
    }

    private void checkArgumentCount() throws UsageError {
        int count = arguments.size();
        if (count < spec.minArguments()) {
            throw new UsageError("missing arguments: expected " + spec.synopsis().replace("[options] ", ""));
        }
        if (count > spec.maxArguments()) {
            throw new UsageError(spec.maxArguments() == 0
                    ? "unexpected argument '" + arguments.get(0) + "'"
                    : "too many arguments: at most " + spec.maxArguments());
        }
    }
}
