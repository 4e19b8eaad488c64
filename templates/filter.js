/* The filter box of the client list: hides the rows that do not hold every
 * word typed.  Without JavaScript the box stays hidden and the full list
 * shows.  The words and the rows are folded the same way, here: case
 * folded for any script, accents dropped, so "emile", "Émile" and "ÉMILE"
 * all find Émile. */
(function () {
	"use strict";
	var wrap = document.querySelector("p.filter");
	var box = document.getElementById("filter");
	var none = document.getElementById("nomatch");
	if (!wrap || !box)
		return;
	function fold(s) {
		return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
		    .toLowerCase();
	}
	var rows = Array.prototype.slice.call(
	    document.querySelectorAll("table.clients tbody tr"));
	var texts = rows.map(function (row) {
		return fold(row.getAttribute("data-search") || "");
	});
	wrap.hidden = false;
	function apply() {
		var words = fold(box.value).split(/\s+/).filter(
		    function (w) { return w.length > 0; });
		var shown = 0;
		rows.forEach(function (row, i) {
			var text = texts[i];
			var match = words.every(function (w) {
				return text.indexOf(w) !== -1;
			});
			row.hidden = !match;
			if (match)
				shown++;
		});
		if (none)
			none.hidden = shown !== 0;
	}
	box.addEventListener("input", apply);
	apply();
}());
