"""The page's CSS and its one script (passed to ``launch(css=..., head=...)``).

The script listens for clicks on ``a.rag-cite`` (the ``[n]`` markers and "show in the article" links),
scrolls the article panel to the passage (the link's ``href`` fragment) and marks the cited sentence (the
link's ``title``) in place. It builds the mark with DOM calls (``textContent``), never by writing HTML, so a
quote cannot inject markup.
"""

from __future__ import annotations

CSS = """
.rag-header h1 { margin: 0 0 .15em 0; font-size: 1.6rem; line-height: 1.3; }
.rag-header p { margin: 0; }
.rag-byline { opacity: .75; font-size: .95em; }
.rag-intro { margin-top: .25em !important; font-size: .95em; }
.rag-error { color: #b91c1c; font-weight: 600; margin-top: .4em !important; }
.rag-answer p { margin: 0 0 .45em 0; }
.rag-answer .rag-text { font-size: 1.05em; }
.rag-answer .rag-evidence { border-left: 3px solid rgba(100, 116, 139, .45); padding-left: .6em; opacity: .85;
  font-size: .95em; }
.rag-answer .rag-note { font-size: .92em; opacity: .85; }
.rag-answer sup { font-size: .75em; }
.rag-answer li a.rag-cite { font-weight: 500; font-size: .85em; white-space: nowrap; }
a.rag-cite { color: #2563eb; text-decoration: none; font-weight: 600; cursor: pointer; }
a.rag-cite:hover { text-decoration: underline; }
.rag-answer details { margin-top: .4em; }
.rag-answer summary { cursor: pointer; font-weight: 600; font-size: .95em; }
.rag-answer ol, .rag-answer ul { padding-left: 0; margin: .3em 0; }
.rag-answer li { list-style: none; margin: .45em 0; }
.rag-passage { border-left: 3px solid rgba(148, 163, 184, .6); padding-left: .6em; margin-top: .2em; }
.rag-where { opacity: .75; font-size: .9em; }
.rag-badge { color: #15803d; font-size: .85em; }
.rag-badge-warn { color: #b45309; }
.rag-answer mark, #article mark.rag-hl { background: #fde68a; color: #111827; border-radius: 2px; }
.rag-notice, .rag-query { opacity: .7; font-size: .9em; }
.rag-refusal { border-left: 3px solid rgba(100, 116, 139, .6); padding-left: .6em; }
.rag-refusal .rag-text { opacity: .9; }
.rag-context-label { font-size: .9em; font-weight: 600; opacity: .8; }
.rag-context .rag-passage { opacity: .85; }
#chat .placeholder, #chat .examples { margin-top: 0; }
#article { max-height: calc(100vh - 140px); overflow-y: auto !important; }
.rag-article { font-size: .95em; line-height: 1.7; padding-right: .3em; }
.rag-article h2 { font-size: 1.35em; margin: .2em 0; }
.rag-article h3 { font-size: 1.1em; margin: 1em 0 .3em 0; }
.rag-article h4 { font-size: 1em; margin: .3em 0; }
.rag-article p { margin: 0 !important; }
.rag-article .rag-body, .rag-article .rag-sidebar, .rag-article .rag-explainer { margin-bottom: .7em; }
.rag-kicker { font-size: .9em; opacity: .75; }
.rag-label { font-weight: 600; font-size: .9em; }
.rag-chunk-text { white-space: pre-line; }
.rag-chunk { border-radius: 4px; transition: background-color .3s; scroll-margin: 80px; }
.rag-chunk.rag-active { background: rgba(253, 230, 138, .25); outline: 2px solid rgba(217, 119, 6, .5); }
.rag-box { border-radius: 6px; padding: .5em .8em; margin: .6em 0; }
.rag-box-facts { background: rgba(239, 68, 68, .07); border: 1px solid rgba(239, 68, 68, .25); }
.rag-box-sidebar { background: rgba(100, 116, 139, .08); border: 1px solid rgba(100, 116, 139, .25); }
.rag-box-explainer { background: rgba(245, 158, 11, .08); border: 1px solid rgba(245, 158, 11, .3); }
.rag-box-figure { font-size: .9em; opacity: .8; border-left: 3px solid rgba(148, 163, 184, .6);
  border-radius: 0; padding: .1em .6em; }
.rag-about table { margin-top: .5em; }
.rag-about th { text-align: left; padding-right: 1em; font-weight: 500; }
@media (max-width: 640px) {
  .rag-header h1 { font-size: 1.3rem; }
  #article { max-height: none; overflow-y: visible !important; }
}
"""

HEAD = """
<script>
(() => {
  function clearMarks() {
    document.querySelectorAll('#article .rag-chunk-text[data-original]').forEach((n) => {
      n.textContent = n.dataset.original;
      delete n.dataset.original;
    });
    document.querySelectorAll('#article .rag-active').forEach((n) => n.classList.remove('rag-active'));
  }
  function showPassage(anchorId, quote) {
    const el = document.getElementById(anchorId);
    if (!el) return false;
    clearMarks();
    el.classList.add('rag-active');
    let target = el;
    for (const node of el.querySelectorAll('.rag-chunk-text')) {
      const text = node.textContent;
      const i = quote ? text.indexOf(quote) : -1;
      if (i < 0) continue;
      node.dataset.original = text;
      const mark = document.createElement('mark');
      mark.className = 'rag-hl';
      mark.textContent = quote;
      node.replaceChildren(text.slice(0, i), mark, text.slice(i + quote.length));
      target = mark;
      break;
    }
    target.scrollIntoView({behavior: 'smooth', block: 'center'});
    return true;
  }
  document.addEventListener('click', (event) => {
    const link = event.target.closest ? event.target.closest('a.rag-cite') : null;
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    showPassage(decodeURIComponent((link.getAttribute('href') || '').slice(1)), link.title || '');
  }, true);
  window.ragShowPassage = showPassage;
})();
</script>
"""
