/* My results page (placeholder until results.js is written). */
