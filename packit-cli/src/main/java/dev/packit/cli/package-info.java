/**
 * The {@code packit} command line: {@link dev.packit.cli.PackitCommand} and its subcommands.
 */
package dev.packit.cli;
