/* The network map graph: reads the nodes and edges from the network map's JSON endpoint (the page's
   filters; the page does not carry them a second time) and draws them with Cytoscape.js. Choosing a node lists its relations beside the graph. The page's list shows the
   same relations without JavaScript. */
(function () {
  "use strict";

  function readJson(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function text(tag, value, className) {
    var element = document.createElement(tag);
    element.textContent = value;
    if (className) { element.className = className; }
    return element;
  }

  function start() {
    var container = document.getElementById("network-graph");
    var labels = readJson("network-map-labels") || {};
    if (!container || typeof window.cytoscape !== "function" || typeof window.fetch !== "function") { return; }
    window.fetch(container.getAttribute("data-src"), {
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    }).then(function (data) {
      draw(container, data, labels);
    }).catch(function () {
      container.appendChild(text("p", labels.failed || "", "empty"));
    });
  }

  function groupUrl(labels, node) {
    // The page's own language: the endpoint answers in the language of the request's cookie or header.
    if (node.data("type") !== "group" || !labels.group_url) { return node.data("url"); }
    return labels.group_url.replace(labels.marker, node.id().slice(1));
  }

  function draw(container, data, labels) {
    if (!data.nodes.length) {
      container.appendChild(text("p", container.getAttribute("data-empty") || "", "empty"));
      return;
    }
    var names = {};
    var elements = [];
    data.nodes.forEach(function (node) {
      names[node.id] = node.label;
      elements.push({ group: "nodes", data: node, classes: node.type });
    });
    data.edges.forEach(function (edge) {
      elements.push({ group: "edges", data: edge, classes: edge.type });
    });
    var cy = window.cytoscape({
      container: container,
      elements: elements,
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 9, "min-zoomed-font-size": 7, "text-wrap": "ellipsis", "text-max-width": 120, color: "#1a1a1a", "text-valign": "bottom", "text-margin-y": 3 } },
        { selector: "node.group", style: { shape: "round-rectangle", "background-color": "#0072c6", width: 26, height: 18 } },
        { selector: "node.organisation", style: { shape: "diamond", "background-color": "#c2a251", width: 24, height: 24 } },
        { selector: "node.person", style: { shape: "ellipse", "background-color": "#6b6b6b", width: 10, height: 10, "font-size": 7 } },
        { selector: "edge", style: { width: 1, "line-color": "#b0b0b0", "curve-style": "bezier" } },
        { selector: "edge.reports_to", style: { width: 2, "line-color": "#0072c6", "target-arrow-shape": "triangle", "target-arrow-color": "#0072c6" } },
        { selector: "edge.sits_in", style: { "line-color": "#c2a251", "line-style": "dashed" } },
        { selector: ".faded", style: { opacity: 0.15 } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#1a1a1a" } }
      ],
      layout: data.nodes.length > 400 ? { name: "concentric", minNodeSpacing: 4, animate: false } : { name: "cose", animate: false, nodeRepulsion: 6000 }
    });
    var details = document.getElementById("network-graph-details");

    function describe(node) {
      cy.elements().removeClass("faded");
      var neighbourhood = node.closedNeighborhood();
      cy.elements().not(neighbourhood).addClass("faded");
      if (!details) { return; }
      details.textContent = "";
      details.appendChild(text("h2", (labels.relations || "%(name)s").replace("%(name)s", node.data("label"))));
      var list = document.createElement("ul");
      node.connectedEdges().forEach(function (edge) {
        var other = edge.source().id() === node.id() ? edge.target() : edge.source();
        var relation = (labels.roles || {})[edge.data("role")] || edge.data("label") || labels[edge.data("type")] || edge.data("type");
        list.appendChild(text("li", relation + ": " + other.data("label")));
      });
      if (!list.children.length) { list.appendChild(text("li", labels.none || "")); }
      details.appendChild(list);
      var url = groupUrl(labels, node);
      if (url) {
        var link = text("a", labels.open || url);
        link.href = url;
        details.appendChild(link);
      }
    }

    // Kept on the element so that the browser tests can find where a node is drawn.
    container.cytoscapeInstance = cy;
    window.addEventListener("resize", function () { cy.resize(); });
    cy.on("tap", "node", function (event) { describe(event.target); });
    cy.on("tap", function (event) {
      if (event.target === cy) {
        cy.elements().removeClass("faded");
        if (details) { details.textContent = ""; }
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
