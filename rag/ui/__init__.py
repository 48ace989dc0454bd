"""The app's pure parts: HTML rendering, the page's CSS and script, input checks at the edge.

Nothing here imports gradio, so all of it is testable without a server; ``app.py`` holds the layout and the
endpoints.
"""
