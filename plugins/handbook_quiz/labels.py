"""Every string the quiz interface shows, in English and Spanish; mkdocs.yml may override any of them.

``{n}``-style fields are filled in by the renderer (Python) or the runtime (JavaScript).
"""

from __future__ import annotations

ENGLISH: dict[str, str] = {
    "question": "Question",
    "questions": "{n} questions, about {minutes} min",
    "statements": "{n} statements, about {minutes} min",
    "select_all": "select all that apply",
    "check": "Check",
    "check_all": "Check my answers",
    "answer": "Answer and explanation",
    "correct": "Correct",
    "incorrect": "Not correct",
    "right": "Correct.",
    "wrong": "Not quite.",
    "your_choice": "Your choice",
    "choose_first": "Choose an answer first.",
    "unanswered": "Please answer every question first: {n} still open.",
    "unrated": "Please rate every statement first: {n} still open, starting with statement {first}.",
    "choose_perspective": "Who is answering?",
    "perspective_first": "Choose who is answering first.",
    "see_results": "See my results",
    "results": "Your results",
    "score": "{right} of {total} correct",
    "passed": "Passed (pass mark {pass}).",
    "not_passed": "Not passed yet (pass mark {pass}). Read the explanations and try again.",
    "overall": "Overall",
    "subscale": "Area",
    "score_col": "Score",
    "band_col": "Reflection",
    "range": "Scores run from {min} to {max}.",
    "try_again": "Try again",
    "restored": "Your earlier answers in this tab were restored.",
    "not_diagnostic": "A reflective learning aid, not a validated or diagnostic instrument. Your answers stay in this browser.",
    "private": "What you write stays in this browser; it is never sent anywhere.",
    "back": "Back to the chapter",
    "storage_off": "This browser is not keeping data, so your answers last only while this page is open.",
    "set_aside": "Saved answers for this quiz could not be read, so they were set aside. My results can export them.",
    "rp_storage": "Where your results are kept",
    "rp_progress": "Progress through the handbook",
    "rp_profile": "Alliance profile",
    "rp_attempts": "Every attempt",
    "rp_tools": "Export, import, print, delete",
}

SPANISH: dict[str, str] = {
    "question": "Pregunta",
    "questions": "{n} preguntas, unos {minutes} min",
    "statements": "{n} afirmaciones, unos {minutes} min",
    "select_all": "marque todas las correctas",
    "check": "Comprobar",
    "check_all": "Comprobar mis respuestas",
    "answer": "Respuesta y explicación",
    "correct": "Correcta",
    "incorrect": "Incorrecta",
    "right": "Correcto.",
    "wrong": "No del todo.",
    "your_choice": "Su elección",
    "choose_first": "Elija primero una respuesta.",
    "unanswered": "Responda primero todas las preguntas: faltan {n}.",
    "unrated": "Valore primero todas las afirmaciones: faltan {n}, empezando por la afirmación {first}.",
    "choose_perspective": "¿Quién responde?",
    "perspective_first": "Elija primero quién responde.",
    "see_results": "Ver mis resultados",
    "results": "Sus resultados",
    "score": "{right} de {total} correctas",
    "passed": "Aprobado (nota mínima {pass}).",
    "not_passed": "Aún no aprobado (nota mínima {pass}). Lea las explicaciones e inténtelo de nuevo.",
    "overall": "Global",
    "subscale": "Área",
    "score_col": "Puntuación",
    "band_col": "Reflexión",
    "range": "Las puntuaciones van de {min} a {max}.",
    "try_again": "Intentar de nuevo",
    "restored": "Se han recuperado sus respuestas anteriores en esta pestaña.",
    "not_diagnostic": "Una ayuda para la reflexión, no un instrumento validado ni diagnóstico. Sus respuestas se quedan en este navegador.",
    "private": "Lo que escriba se queda en este navegador; nunca se envía a ningún sitio.",
    "back": "Volver al capítulo",
    "storage_off": "Este navegador no guarda datos: sus respuestas duran solo mientras la página esté abierta.",
    "set_aside": "Las respuestas guardadas de este cuestionario no se podían leer y se apartaron. Mis resultados permite exportarlas.",
    "rp_storage": "Dónde se guardan sus resultados",
    "rp_progress": "Progreso en el manual",
    "rp_profile": "Perfil de alianza",
    "rp_attempts": "Todos los intentos",
    "rp_tools": "Exportar, importar, imprimir, borrar",
}

BUILT_IN = {"en": ENGLISH, "es": SPANISH}


def labels_for(language: str, overrides: dict[str, str] | None = None) -> dict[str, str]:
    """The built-in set for a language (English when unknown), with the site's overrides applied."""
    base = BUILT_IN.get(language.split("-")[0].split("_")[0].lower(), ENGLISH)
    return {**base, **(overrides or {})}
