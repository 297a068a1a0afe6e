/* Projector: the join screen and the story wall; each activity's part
 * (templates/<activity>/projector.html: the practices, the voting, the results) draws its own.
 * No controls: it follows the room. */
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
  // Whole cards only, as many as fit at full size; the rest on the next page. The turner is
  // core/pager.js's, on window.Core once the modules have run (before the connection).
  var wallPager = null;
  document.addEventListener("DOMContentLoaded", function () {
    wallPager = new Core.Pager(wallBox, pageLine, {
      words: i18n,
      prepare: function (card) {
        // How it was said takes one of the three lines of what happened: four cards still fit.
        var manner = card.querySelector(".story-manner");
        Core.fitCard(card, {
          ".story-title": 2, ".story-meta": 1, ".story-body:not(.story-manner)": manner ? 2 : 3, ".story-manner": 1,
        });
      },
    });
  });
  var SPOTLIGHT_PAGE_SECONDS = 25; // a page of a long story: time to read it aloud
  var room = {
    people: 0, stories: 0, authors: 0, isPublic: false,
    phase: body.dataset.phase, settings: {},
  };

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
    // "6 stories · 5/5 people have written": each part in the plural its number asks for.
    var words = i18n.wall_stats;
    stats.textContent = format(room.stories === 1 ? words.stories.one : words.stories.other, { n: room.stories }) +
      " · " + format(room.people === 1 ? words.writers.one : words.writers.other, { authors: room.authors, people: room.people });
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

  /* Page the wall again (cards or the screen changed); show the page a newcomer is on. */
  function showPage(newcomer) {
    if (!wallPager || wallBox.hidden || !wallBox.offsetParent) return;
    wallPager.layout();
    if (newcomer) wallPager.go(wallPager.pageOf(newcomer));
    if (!wallPager.running) wallPager.start();
  }

  /* The view the room sees: the phase's (a part may show its own in it, as the results
   * do in the voting step once the votes are revealed). */
  function viewName() { return room.phase; }

  /* Show the view of the phase. */
  function showPhase() {
    var view = viewName();
    body.dataset.phase = room.phase;
    body.dataset.view = view;
    fitTitle();
    document.querySelectorAll("[data-phase-view]").forEach(function (section) {
      section.hidden = section.dataset.phaseView !== view;
    });
    // Latecomers can still join while the room writes and votes.
    document.querySelector("[data-join-hint]").hidden = ["stories", "practices", "voting"].indexOf(room.phase) < 0;
    if (view === "stories") showPage();
    ProjectorPlan.view(view);
  }

  /* The workshop's name: two lines in the lobby; one after it, to leave the room to the work. */
  var title = document.querySelector(".projector-title");
  var titleWidth = 0;
  function fitTitle() {
    titleWidth = title.clientWidth;
    ProjectorFit.lines(title, room.phase === "lobby" || room.phase === "closed" ? 2 : 1);
  }
  // The timer comes and goes beside it: fit again when the room for the name changes.
  new ResizeObserver(function () { if (title.clientWidth !== titleWidth) fitTitle(); }).observe(title);

  function resetWall(stories) {
    wall.reset(stories);
    showDistribution();
    showPage();
  }

  function storyChanged(data) {
    showStats(data);
    var newcomer = null;
    if (data.story) {
      var isNew = !wall.data.has(data.story.id);
      wall.put(data.story, isNew);
      if (isNew) newcomer = wallBox.querySelector('[data-story-id="' + data.story.id + '"]');
    } else {
      wall.drop(data.story_id);
    }
    showDistribution();
    showPage(newcomer);
  }

  /* The spotlight: the whole story, large; a long one in pages that turn, never cut. */
  var spotlightBox = document.querySelector("[data-spotlight]");
  var spotlightPages = null;
  function showSpotlight(story) {
    spotlightBox.hidden = !story;
    body.classList.toggle("has-spotlight", Boolean(story));
    if (spotlightPages) spotlightPages.stop();
    spotlightPages = null;
    spotlightBox.replaceChildren();
    if (!story) return;
    var card = Cards.story(story, { full: true });
    // The head and the marker stay; what happened and the rest flow into the pages.
    var box = Cards.el("div", "spotlight-pages");
    var flow = Cards.el("div", "spotlight-flow");
    var head = card.querySelector(".agency") || card.querySelector(".story-head");
    while (head.nextSibling) flow.appendChild(head.nextSibling);
    box.appendChild(flow);
    card.appendChild(box);
    var line = Cards.el("p", "spotlight-page");
    line.dataset.pageLine = "";
    card.appendChild(line);
    spotlightBox.appendChild(card);
    spotlightPages = new ProjectorFit.Pages(box, flow, line, {
      words: i18n,
      seconds: SPOTLIGHT_PAGE_SECONDS,
      fits: function () {
        return card.scrollHeight <= card.clientHeight + 1 && box.scrollHeight <= box.clientHeight + 1;
      },
    });
    spotlightPages.layout();
  }

  // The clicker turns what is in front: the spotlight, else the current view's pages.
  ProjectorFit.onTurn(function (step) {
    if (!spotlightPages || spotlightBox.hidden) return false;
    return step > 0 ? spotlightPages.next() : spotlightPages.prev();
  });
  ProjectorFit.onTurn(function (step) {
    var view = viewName();
    if (view === "stories") return wallPager.turn(step);
    return false; // the parts turn their own (the practices' board, the voting's key, the results)
  });

  /* Settings that change what this screen may read: easier redrawn from a snapshot. */
  var SEEN_SETTINGS = ["private_writing", "stories_revealed", "practices_revealed", "is_anonymous"];
  function rememberSettings(settings) {
    SEEN_SETTINGS.forEach(function (name) { if (name in settings) room.settings[name] = settings[name]; });
  }
  function readingChanged(settings) {
    return SEEN_SETTINGS.some(function (name) { return name in settings && settings[name] !== room.settings[name]; });
  }

  var socket = Live.connect({ role: "projector", key: body.dataset.projectorKey }, {
    snapshot: function (state) {
      rememberSettings(state.workshop);
      ProjectorPlan.snapshot(state);
      Cards.setLenses(state.lenses);
      showSpotlight(state.spotlight);
      room.isPublic = !state.workshop.private_writing || state.workshop.stories_revealed;
      room.phase = state.workshop.phase;
      showCount(state.workshop.participant_count);
      showStats(state);
      resetWall(state.stories);
      showPhase();
    },
    events: {
      participant_joined: function (data) { showCount(data.participant_count); },
      participant_removed: function (data) { showCount(data.participant_count); },
      phase_changed: function (data) {
        rememberSettings(data);
        ProjectorPlan.phaseChanged(data);
        room.phase = data.phase;
        if (data.stories) resetWall(data.stories);
        showPhase();
      },
      settings_changed: function (data) {
        var resync = readingChanged(data);
        ProjectorPlan.settingsChanged(data);
        return resync ? Live.RESYNC : undefined;
      },
      timer_changed: function (data) { ProjectorPlan.timerChanged(data); },
      // The plan was edited: the next step's words come with a fresh snapshot.
      plan_changed: function () { return Live.RESYNC; },
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
        room.settings.stories_revealed = true; // else the next settings change would resync
        room.isPublic = true;
        showStats();
        resetWall(data.stories);
      },
      // The board is the practices part's (static/js/practices/projector.js).
      practices_revealed: function () { room.settings.practices_revealed = true; },
    },
    unsequenced: {
      workshop_deleted: function () {
        ProjectorPlan.deleted();
        socket.disconnect(); // nothing more will come
      },
    },
  });

  window.addEventListener("resize", function () {
    fitTitle();
    showPage();
    if (spotlightPages) spotlightPages.layout();
    ProjectorPlan.relayout();
  });
})();
