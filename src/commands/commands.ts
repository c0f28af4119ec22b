// Ribbon commands. The ribbon button only shows the task pane (ShowTaskpane in the manifest); this
// script exists so the shared runtime has a place for future ExecuteFunction commands.
Office.onReady(() => {
  // Nothing to register yet.
});
