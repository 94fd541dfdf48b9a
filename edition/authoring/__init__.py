"""The authoring loop: rebuild on save (--watch) and PNG previews of print pages (--preview)."""
