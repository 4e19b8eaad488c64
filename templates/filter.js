/* The filter box of the client list: hides the rows that do not hold every
 * word typed.  Without JavaScript the box stays hidden and the full list
 * shows. */
(function () {
	"use strict";
	var wrap = document.querySelector("p.filter");
	var box = document.getElementById("filter");
	var none = document.getElementById("nomatch");
	if (!wrap || !box)
		return;
	var rows = Array.prototype.slice.call(
	    document.querySelectorAll("table.clients tbody tr"));
	wrap.hidden = false;
	function apply() {
		var words = box.value.toLowerCase().split(/\s+/).filter(
		    function (w) { return w.length > 0; });
		var shown = 0;
		rows.forEach(function (row) {
			var text = row.getAttribute("data-search") || "";
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
