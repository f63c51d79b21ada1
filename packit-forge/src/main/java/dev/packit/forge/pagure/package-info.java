/**
 * Pagure (API 0: src.fedoraproject.org dist-git, pagure.io): {@link dev.packit.forge.pagure.Pagure#builder()}
 * builds a {@link dev.packit.forge.pagure.PagureForge}.
 */
package dev.packit.forge.pagure;
