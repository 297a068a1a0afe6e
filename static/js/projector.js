/* Projector: the join screen, then the story wall. No controls: it follows the room. */
(function () {
  "use strict";
  var body = document.body;
  var i18n = Live.i18n;
  var count = document.querySelector("[data-participant-count]");
  var label = document.querySelector("[data-participant-label]");
  var stats = document.querySelector("[data-wall-stats]");
  var privateBox = document.querySelector("[data-wall-private]");
  var privateCount = document.querySelector("[data-private-count]");
  var pageLine = document.querySelector("[data-wall-page]");
  var wallBox = document.querySelector("[data-wall]");
  var wall = new Cards.Wall(wallBox);
  var PAGE_SIZE = 4; // a 2 x 2 grid of whole cards: readable from the back row
  var PAGE_SECONDS = 12;
  var page = 0;
  var room = { people: 0, stories: 0, authors: 0, isPublic: false };

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, name) { return values[name]; });
  }

  function showCount(n) {
    var changed = count.textContent !== String(n);
    count.textContent = n;
    label.textContent = Live.plural(n);
    if (changed) Live.bump(count);
    room.people = n;
    showStats();
  }

  function showStats(data) {
    if (data) { room.stories = data.story_count; room.authors = data.author_count; }
    stats.textContent = format(i18n.wall_stats, {
      stories: room.stories, authors: room.authors, people: room.people,
    });
    privateCount.textContent = room.stories;
    privateBox.hidden = room.isPublic;
    wallBox.hidden = !room.isPublic;
  }

  function showDistribution() {
    var tally = [0, 0, 0, 0, 0];
    wall.data.forEach(function (story) { tally[story.agency - 1] += 1; });
    var most = Math.max.apply(null, tally.concat([1]));
    tally.forEach(function (n, i) {
      document.querySelector('[data-dist-count="' + (i + 1) + '"]').textContent = n;
      document.querySelector('[data-dist-bar="' + (i + 1) + '"]').style.setProperty("--share", n / most);
    });
  }

  function showPage() {
    var cards = Array.from(wallBox.children);
    var pages = Math.max(1, Math.ceil(cards.length / PAGE_SIZE));
    if (page >= pages) page = 0;
    cards.forEach(function (card, i) { card.hidden = Math.floor(i / PAGE_SIZE) !== page; });
    pageLine.hidden = pages < 2;
    pageLine.textContent = format(i18n.page, { page: page + 1, pages: pages });
  }
  setInterval(function () { page += 1; showPage(); }, PAGE_SECONDS * 1000);

  function showPhase(workshop) {
    body.dataset.phase = workshop.phase;
    document.querySelectorAll("[data-phase-view]").forEach(function (view) {
      view.hidden = view.dataset.phaseView !== workshop.phase;
    });
    document.querySelector("[data-join-hint]").hidden = workshop.phase !== "stories";
  }

  function resetWall(stories) {
    wall.reset(stories);
    showDistribution();
    showPage();
  }

  function storyChanged(data) {
    showStats(data);
    if (data.story) {
      var isNew = !wall.data.has(data.story.id);
      wall.put(data.story, isNew);
      if (isNew) page = Math.floor((wallBox.children.length - 1) / PAGE_SIZE); // show the newcomer
    } else {
      wall.drop(data.story_id);
    }
    showDistribution();
    showPage();
  }

  var spotlightBox = document.querySelector("[data-spotlight]");
  function showSpotlight(story) {
    spotlightBox.hidden = !story;
    body.classList.toggle("has-spotlight", Boolean(story));
    spotlightBox.replaceChildren();
    if (story) spotlightBox.appendChild(Cards.story(story, { full: true }));
  }

  Live.connect({ role: "projector", key: body.dataset.projectorKey }, {
    snapshot: function (state) {
      Cards.setLenses(state.lenses);
      showSpotlight(state.spotlight);
      room.isPublic = !state.workshop.private_writing || state.workshop.stories_revealed;
      showPhase(state.workshop);
      showCount(state.workshop.participant_count);
      showStats(state);
      resetWall(state.stories);
    },
    events: {
      participant_joined: function (data) { showCount(data.participant_count); },
      participant_removed: function (data) { showCount(data.participant_count); },
      phase_changed: function (data) { showPhase(data); },
      settings_changed: function () { return Live.RESYNC; },
      lenses_changed: function (data) {
        Cards.setLenses(data.lenses);
        resetWall(Array.from(wall.data.values()));
      },
      spotlight_changed: function (data) { showSpotlight(data.story); },
      reactions_changed: function (data) {
        wall.update(data.story_id, { reactions: data.reactions });
        showPage();
      },
      story_posted: storyChanged,
      story_updated: storyChanged,
      story_deleted: storyChanged,
      story_hidden: storyChanged,
      story_restored: storyChanged,
      stories_revealed: function (data) {
        room.isPublic = true;
        showStats();
        resetWall(data.stories);
      },
    },
  });
})();
