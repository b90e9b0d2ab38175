// Material for MkDocs' inline content script (partials/javascripts/content.html), as a file for the
// Content-Security-Policy (deploy/csp.md): opens a content tab named in the address's #fragment.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
