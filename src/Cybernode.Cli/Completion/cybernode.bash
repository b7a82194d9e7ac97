# bash completion for cybernode. Load it with: source <(cybernode completion bash)
# It asks cybernode itself (System.CommandLine's [suggest:POSITION] directive) what fits at the
# cursor, so it always matches the installed version; file names where a path is expected.
_cybernode() {
    local cur="${COMP_WORDS[COMP_CWORD]}"
    local line="${COMP_LINE:0:COMP_POINT}"
    line="${line#"${line%%[![:space:]]*}"}"
    line="cybernode${line:${#COMP_WORDS[0]}}"
    local program="${COMP_WORDS[0]}"
    [[ $program == "~/"* ]] && program="$HOME/${program#"~/"}"

    local answer
    answer="$("$program" "[suggest:${#line}]" "$line" 2>/dev/null)" || return 0
    local words=() options=() word
    while IFS= read -r word; do
        case "$word" in
            '' | '-?' | /*) ;;
            -*) options+=("$word") ;;
            *) words+=("$word") ;;
        esac
    done <<<"$answer"

    COMPREPLY=()
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "${options[*]}" -- "$cur")
    elif ((${#words[@]} > 0)); then
        mapfile -t COMPREPLY < <(compgen -W "${words[*]}" -- "$cur")
    else
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
}
complete -F _cybernode cybernode
