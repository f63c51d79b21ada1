/**
 * Pagure (API 0: src.fedoraproject.org dist-git, pagure.io): {@link dev.packit.forge.pagure.Pagure#builder()}
 * builds a {@link dev.packit.forge.pagure.PagureForge}.
 */
@NullMarked
package dev.packit.forge.pagure;

import org.jspecify.annotations.NullMarked;
