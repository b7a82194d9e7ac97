#compdef cybernode
# zsh completion for cybernode. Load it after compinit with: source <(cybernode completion zsh)
# It asks cybernode itself (System.CommandLine's [suggest:POSITION] directive) what fits at the
# cursor, so it always matches the installed version; file names where a path is expected.
_cybernode() {
    local line="cybernode"
    if (( CURRENT > 2 )); then
        line+=" ${(j: :)words[2,CURRENT-1]}"
    fi
    line+=" $PREFIX"
    local program="${words[1]}"
    local -a found opts
    local word
    for word in ${(f)"$(${~program} "[suggest:${#line}]" "$line" 2>/dev/null)"}; do
        case "$word" in
            '-?' | /*) ;;
            -*) opts+=("$word") ;;
            *) found+=("$word") ;;
        esac
    done

    if [[ $PREFIX == -* ]]; then
        compadd -- "${opts[@]}"
    elif (( ${#found} > 0 )); then
        compadd -- "${found[@]}"
    else
        _files
    fi
}
compdef _cybernode cybernode
