/** The forge contract ({@code ForgeContract}) run against every built-in forge and a sample third-party one. */
package dev.packit.testkit.contract;
