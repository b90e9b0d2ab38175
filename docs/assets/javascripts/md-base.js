// Material for MkDocs' inline head script (partials/javascripts/base.html), as a file so that the
// Content-Security-Policy can forbid inline scripts (deploy/csp.md). The scope is the site's base URL.
__md_scope=new URL(document.currentScript.dataset.mdScope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
// Ours, not Material's: scripts run on this page (the timeline's filters show from the first paint,
// instead of appearing later and pushing the entries down).
document.documentElement.classList.add("ex-js")
