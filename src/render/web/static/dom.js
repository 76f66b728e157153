/*
 * feige inbox: the one DOM helper the inbox scripts share.  Nodes are
 * built with textContent only: data is never parsed as HTML.
 */

/* <tag class="cls">text</tag>; cls and text may be empty. */
export function el(tag, cls, text) {
	const e = document.createElement(tag);

	if (cls)
		e.className = cls;
	if (text)
		e.textContent = text;
	return e;
}
