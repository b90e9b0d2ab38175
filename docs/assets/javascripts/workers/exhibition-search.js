// Material's search worker (loaded unchanged from ?material=, beside this file), with what visitors
// type taken care of (issue #27). search-language.js points Material at this file.
// - A query in traditional characters is read as simplified (config.exhibition.t2s, from the build).
// - Chinese is cut into the words the index holds, longest first, the whole query included:
//   Material's own cut never looks up the whole query nor its last character (纪念塔 → 纪念*).
// - Each word matches words starting with it in the title, text and the two fields results never
//   show (search_index.py): `words` (words inside the title) and `names` (names, their full pinyin
//   and initials: fanzhuxian, fzx).
// - A Chinese word the index does not hold also matches words one character away (a wrong character).
// - A query that is a page's whole title or one of its names puts that page first.
// Material reads the simplified query (for its highlighting) and ranks what lunr returns as usual.
"use strict";
(function () {
  var state = { t2s: {}, docs: {}, query: null };
  var PUNCTUATION = /[\s\u200b\p{P}\p{S}]+/gu;

  function simplify(text) {
    return Array.from(text.normalize("NFKC"), function (c) { return state.t2s[c] || c; }).join("");
  }
  // What "the same" means for a title or a name: no markup, spaces, punctuation or case.
  function plain(text) {
    return String(text || "").replace(/<[^>]*>/g, "").replace(PUNCTUATION, "").toLowerCase();
  }

  // Before Material's own listener (registered by the script below): mutate the message it reads.
  self.addEventListener("message", function (ev) {
    var message = ev.data;
    if (!message) return;
    if (message.data && message.data.config && message.data.docs) {
      state.t2s = (message.data.config.exhibition || {}).t2s || {};
      message.data.docs.forEach(function (doc) {
        state.docs[doc.location] = [plain(doc.title)].concat((doc.names || []).map(plain));
      });
    } else if (typeof message.data === "string") {
      message.data = simplify(message.data);
      state.query = message.data;
    }
  });

  importScripts(new URL(self.location.href).searchParams.get("material"));

  var lunr = self.lunr;
  var HAN = /\p{sc=Han}+/u;

  // Longest words of the index first, left to right; a character no word starts with stays alone.
  function cut(run, vocabulary) {
    var out = [];
    for (var i = 0; i < run.length;) {
      var j = run.length;
      while (j > i + 1 && !(run.slice(i, j) in vocabulary)) j--;
      out.push(run.slice(i, j));
      i = j;
    }
    return out;
  }

  function terms(query, index) {
    var out = [];
    query.toLowerCase().split(lunr.tokenizer.separator).forEach(function (part) {
      part.split(/(\p{sc=Han}+)/u).forEach(function (piece) {
        if (!piece) return;
        if (HAN.test(piece)) {
          var words = cut(piece, index.invertedIndex);
          words.forEach(function (word) { out.push({ term: word, boost: word.length > 1 ? 1 : 0.2 }); });
          if (words.length > 1) out.push({ term: piece, boost: 2 }); // a name or title word as typed
          // A word the index does not hold may have one character wrong (聯城艦 → 联城舰 for 聊城舰):
          // words of the index one character away count too.
          if (piece.length > 2 && !(piece in index.invertedIndex))
            out.push({ term: piece, boost: 1, editDistance: 1 });
        } else if (!lunr.stopWordFilter || lunr.stopWordFilter(new lunr.Token(piece))) {
          out.push({ term: piece, boost: 1 });
        }
      });
    });
    return out;
  }

  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (materialQuery) {
    var query = state.query;
    var wanted = query === null ? [] : terms(query, this);
    if (!wanted.length) return search.call(this, materialQuery);
    var results = this.query(function (builder) {
      wanted.forEach(function (t) {
        builder.term(t.term, t.editDistance
          ? { boost: t.boost, usePipeline: false, editDistance: t.editDistance }
          : { boost: t.boost, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
      });
    });
    var exact = plain(query);
    results.forEach(function (result) {
      var keys = state.docs[result.ref];
      if (keys && keys.indexOf(exact) >= 0) result.score *= 1000;
    });
    return results.sort(function (a, b) { return b.score - a.score; });
  };
})();
